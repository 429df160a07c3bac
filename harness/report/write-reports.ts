import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { htmlReport } from './html.ts';
import { junitXml } from './junit.ts';
import type { RunReport } from '../scenario/run-report.ts';

/**
 * Writes report.json, junit.xml and report.html into `folder`, and each login as HAR 1.2 in
 * `<folder>/<version>/<scenario>.har`; returns the paths of the three reports. report.json holds the
 * run without the HARs and screenshots (they are files, and pictures in the HTML).
 */
export async function writeReports(report: RunReport, folder: string): Promise<string[]> {
  await mkdir(folder, { recursive: true });
  const files: Array<[string, string]> = [
    ['report.json', JSON.stringify(report, (key, value: unknown) => (key === 'har' || key === 'screenshot' ? undefined : value), 2)],
    ['junit.xml', junitXml(report)],
    ['report.html', htmlReport(report)],
  ];
  for (const [name, content] of files) await writeFile(join(folder, name), content);
  for (const run of report.versions) {
    const hars = run.results.filter((result) => result.har);
    if (hars.length === 0) continue;
    await mkdir(join(folder, run.version), { recursive: true });
    for (const result of hars) await writeFile(join(folder, run.version, `${result.id}.har`), JSON.stringify(result.har, null, 2));
  }
  return files.map(([name]) => join(folder, name));
}
