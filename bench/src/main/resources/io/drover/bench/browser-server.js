// One Chromium for several Playwright drivers. Run by Playwright's own Node with the path of its
// playwright-core package: reads the launch options as one JSON line on standard input, prints
// the endpoint the drivers connect to, and exits when the browser closes or when its input ends
// (its JVM closed it or died). Playwright kills a browser it launched when its process exits.
const readline = require('readline');
const { chromium } = require(process.argv[2]);

const input = readline.createInterface({ input: process.stdin });
let server = null;

input.once('line', line => {
  chromium.launchServer(JSON.parse(line)).then(
    launched => {
      server = launched;
      server.on('close', () => process.exit(0));
      process.stdout.write(server.wsEndpoint() + '\n');
    },
    error => {
      process.stderr.write(String(error && error.message) + '\n');
      process.exit(1);
    });
});
input.on('close', () => {
  const exit = () => process.exit(0);
  if (server === null) exit();
  else server.close().then(exit, exit);
});
