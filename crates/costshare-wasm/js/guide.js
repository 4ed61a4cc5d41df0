// costshare/guide holds only types (guide.d.ts) for <costshare-guide>, whose script is served
// with the site. This module is empty so that importing the subpath works at run time too.
export {};
