// The simulation web worker. It runs the page's own wasm module: the page passes the addresses
// of its JavaScript glue and wasm file, which the browser already has, so nothing new is
// downloaded. The wasm is taken from the browser's cache even when the host asks to check it
// first (`no-cache`): its address carries its content's hash, so a copy of it is never out of
// date, and the check would cost a round trip before the worker can run. Then it starts the
// worker side (costshare_web::sim::costshare_worker_start).
//
// If the module traps (a panic, or memory the device will not give), this worker is of no more
// use: it says so on the channel named in its address's fragment, where the page listens
// (costshare_web::sim::StopWatch) to start new workers, and closes.
const stopped = (error) => {
  if (!(error instanceof WebAssembly.RuntimeError)) return;
  const channel = new BroadcastChannel(decodeURIComponent(location.hash.slice(1)));
  channel.postMessage("stopped");
  channel.close();
  close();
};
addEventListener("error", (event) => stopped(event.error));
addEventListener("unhandledrejection", (event) => stopped(event.reason));

const params = new URL(self.location.href).searchParams;
const glue = params.get("glue");
const wasm = params.get("wasm");
const here = new URL(self.location.href);
const sameSite = (address) => address && new URL(address, here).origin === here.origin;
if (sameSite(glue) && sameSite(wasm)) {
  import(glue).then(async (module) => {
    await module.default({ module_or_path: new Request(wasm, { cache: "force-cache" }) });
    module.costshare_worker_start();
  });
}
