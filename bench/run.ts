/**
 * `npm run bench`: runs every `bench/*.bench.ts` module (or those named on the command line) in this process,
 * prints each section as a table, and writes the whole report to `bench/results.json`.
 */
import { readdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchModule, BenchSection } from './lib.js';

const benchDirectory = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const files = (await readdir(benchDirectory))
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => only.length === 0 || only.some((name) => file.includes(name)))
  .sort();

const machine = `${cpus()[0]?.model ?? 'unknown CPU'} ×${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`Benchmarks on ${machine}\n`);
const report: Array<BenchSection & { file: string }> = [];
let missed = 0;
for (const file of files) {
  const module = (await import(pathToFileURL(`${benchDirectory}${file}`).href)) as { default: BenchModule };
  const sections = [await module.default()].flat();
  for (const section of sections) {
    report.push({ file, ...section });
    printSection(section);
    missed += section.targets?.filter((target) => !target.met).length ?? 0;
  }
}
await writeFile(
  `${benchDirectory}results.json`,
  `${JSON.stringify({ machine, date: new Date().toISOString(), report }, null, 2)}\n`,
);
console.log(missed === 0 ? 'All targets met.' : `${missed} target(s) missed (see above).`);

function printSection(section: BenchSection): void {
  console.log(`## ${section.title}`);
  if (section.rows.length > 0) console.table(section.rows);
  for (const target of section.targets ?? [])
    console.log(`  ${target.met ? '✔' : '✘'} ${target.name}: ${target.value}`);
  for (const note of section.notes ?? []) console.log(`  note: ${note}`);
  console.log('');
}
