import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { htmlReport } from './html.ts';
import { junitXml } from './junit.ts';
import type { RunReport } from '../scenario/run-report.ts';

/** Writes report.json, junit.xml and report.html into `folder`; returns their paths. */
export async function writeReports(report: RunReport, folder: string): Promise<string[]> {
  await mkdir(folder, { recursive: true });
  const files: Array<[string, string]> = [
    ['report.json', JSON.stringify(report, null, 2)],
    ['junit.xml', junitXml(report)],
    ['report.html', htmlReport(report)],
  ];
  for (const [name, content] of files) await writeFile(join(folder, name), content);
  return files.map(([name]) => join(folder, name));
}
