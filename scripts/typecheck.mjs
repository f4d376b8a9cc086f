// `npm run typecheck`: every workspace's own `typecheck` script, the bench's and the scripts' projects,
// run side by side, as many at a time as the machine has cores (tsc checks on one core). Each one's
// output is printed once it ends; the exit status is 1 when any failed.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

const root = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const workspaces = root.workspaces.filter((folder) => {
  const pkg = JSON.parse(readFileSync(new URL(`../${folder}/package.json`, import.meta.url), 'utf8'));
  return Boolean(pkg.scripts?.typecheck);
});
const tasks = [
  ...workspaces.map((folder) => ({
    name: folder,
    command: 'npm',
    args: ['run', 'typecheck', '--workspace', folder],
  })),
  { name: 'bench', command: 'npx', args: ['tsc', '-p', 'bench'] },
  { name: 'scripts', command: 'npx', args: ['tsc', '-p', 'scripts'] },
];

function run(task) {
  return new Promise((resolve) => {
    const child = spawn(task.command, task.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ ...task, code, output }));
  });
}

const queue = [...tasks];
let failed = 0;
async function worker() {
  for (let task = queue.shift(); task; task = queue.shift()) {
    const result = await run(task);
    if (result.code === 0) continue;
    failed++;
    process.stderr.write(`typecheck ${result.name} failed:\n${result.output}\n`);
  }
}
await Promise.all(Array.from({ length: Math.min(availableParallelism(), tasks.length) }, worker));
console.log(`typecheck: ${tasks.length - failed} of ${tasks.length} projects clean`);
process.exitCode = failed > 0 ? 1 : 0;
