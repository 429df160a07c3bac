import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { mavenSettingsRedirect, settingsRedirect } from '../../../harness/maven/fetchers.ts';
import { temporaryFolder } from '../../support/temporary-folder.ts';

/** Maven 3.9's own conf/settings.xml, shortened: examples in comments and the one blocked mirror. */
const mavenDefault = `<settings>
  <!-- <proxies><proxy><id>optional</id><active>true</active><host>proxy.host.net</host></proxy></proxies> -->
  <proxies>
  </proxies>
  <mirrors>
    <!-- <mirror><id>mirrorId</id><mirrorOf>repositoryId</mirrorOf><url>http://my.repository.com/repo/path</url></mirror> -->
    <mirror>
      <id>maven-default-http-blocker</id>
      <mirrorOf>external:http:*</mirrorOf>
      <url>http://0.0.0.0/</url>
      <blocked>true</blocked>
    </mirror>
  </mirrors>
</settings>`;

describe('whether Maven would fetch from somewhere else than Maven Central', () => {
  test("Maven's own settings redirect nothing: examples in comments, the blocked HTTP mirror", () => {
    expect(settingsRedirect(mavenDefault)).toBe(false);
  });

  test('a mirror does, and so does an active proxy', () => {
    expect(settingsRedirect('<settings><mirrors><mirror><id>corp</id><mirrorOf>*</mirrorOf><url>https://nexus.corp/maven</url></mirror></mirrors></settings>')).toBe(true);
    expect(settingsRedirect('<settings><proxies><proxy><host>proxy.corp</host><port>3128</port></proxy></proxies></settings>')).toBe(true);
    expect(settingsRedirect('<settings><proxies><proxy><active>false</active><host>proxy.corp</host></proxy></proxies></settings>')).toBe(false);
  });

  test('any one of the settings files that name a mirror decides; missing files are skipped', () => {
    const folder = temporaryFolder('maven-settings-');
    writeFileSync(join(folder, 'global.xml'), mavenDefault);
    writeFileSync(join(folder, 'user.xml'), '<settings><mirrors><mirror><id>corp</id><mirrorOf>central</mirrorOf><url>https://nexus.corp</url></mirror></mirrors></settings>');
    expect(mavenSettingsRedirect([join(folder, 'missing.xml'), join(folder, 'global.xml')])).toBe(false);
    expect(mavenSettingsRedirect([join(folder, 'user.xml'), join(folder, 'global.xml')])).toBe(true);
  });
});
