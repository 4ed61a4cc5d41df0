// The simulation web worker. It runs the page's own wasm module: the page passes the addresses
// of its JavaScript glue and wasm file, which the browser already has, so nothing new is
// downloaded. Then it starts the worker side (costshare_web::sim::costshare_worker_start).
const params = new URL(self.location.href).searchParams;
const glue = params.get("glue");
const wasm = params.get("wasm");
const here = new URL(self.location.href);
const sameSite = (address) => address && new URL(address, here).origin === here.origin;
if (sameSite(glue) && sameSite(wasm)) {
  import(glue).then(async (module) => {
    await module.default({ module_or_path: wasm });
    module.costshare_worker_start();
  });
}
