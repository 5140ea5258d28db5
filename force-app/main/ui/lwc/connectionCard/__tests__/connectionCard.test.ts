import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ConnectionCard from 'c/connectionCard';
import type { SettingsPage } from 'c/settingsModel';
import { byId, flush, label, labelWith, mount, shadow, textOf, unmountAll } from 'test/lwcSupport';
import adminData from '../../syncSettingsPage/__tests__/data/SettingsPageController.load.json';
import repData from '../../syncSettingsPage/__tests__/data/SettingsPageController.load.repWithLocks.json';
import notConnectedData from '../../syncSettingsPage/__tests__/data/SettingsPageController.load.notConnected.json';

type Badge = HTMLElement & { label: string; iconName: string };

const adminPage = adminData as unknown as SettingsPage;
const repPage = repData as unknown as SettingsPage;
/** An admin's page while delivery is paused (Sales Insight refused the credentials). */
const pausedAdminPage = notConnectedData as unknown as SettingsPage;
const pausedRepPage: SettingsPage = { ...repPage, connection: { ...repPage.connection, paused: true } };
const neverUsed = (page: SettingsPage): SettingsPage => ({
  ...page,
  connection: { paused: false, pauseReason: null, lastSuccessAt: null, lastFailure: null },
});

async function mountCard(page: SettingsPage | undefined): Promise<HTMLElement> {
  const element = mount('c-connection-card', ConnectionCard, { page });
  await flush();
  return element;
}

/** The status as it reads: the words before the badge, the badge's words, icon and theme. */
function statusOf(element: HTMLElement): { name: string | undefined; badge: string; icon: string; theme: string[] } {
  const badge = byId<Badge>(element, 'badge')!;
  return {
    name: textOf(element, 'status-label'),
    badge: badge.label,
    icon: badge.iconName,
    theme: [...badge.classList].filter((name) => name.startsWith('slds-theme_')),
  };
}

describe('c-connection-card', () => {
  afterEach(unmountAll);

  it('renders nothing until the page is loaded', async () => {
    const element = await mountCard(undefined);

    expect(shadow(element).childElementCount).toBe(0);
    await expect(element).toBeAccessible();
  });

  it('has no card or title of its own: the accordion section is the heading', async () => {
    const element = await mountCard(adminPage);

    expect(shadow(element).querySelector('lightning-card')).toBeNull();
    expect(shadow(element).querySelector('h1, h2, h3, h4')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('says Connected with a green badge right after its name, and when the last delivery succeeded', async () => {
    const element = await mountCard(adminPage);

    expect(statusOf(element)).toEqual({
      name: label('SiSync_Conn_StatusLabel'),
      badge: label('SiSync_Conn_StatusConnected'),
      icon: 'utility:success',
      theme: ['slds-theme_success'],
    });
    expect(byId(element, 'badge')?.previousElementSibling).toBe(byId(element, 'status-label'));
    expect(textOf(element, 'last-success')).toContain(label('SiSync_Conn_LastSuccess'));
    const when = shadow(element).querySelector<HTMLElement & { value: number }>('[data-id="last-success"] lightning-relative-date-time');
    expect(when?.value).toBe(Date.parse('2026-11-29T10:58:00.000Z'));
    await expect(element).toBeAccessible();
  });

  it('says Not used yet with a plain badge when nothing was ever delivered', async () => {
    const element = await mountCard(neverUsed(adminPage));

    expect(statusOf(element)).toEqual({
      name: label('SiSync_Conn_StatusLabel'),
      badge: label('SiSync_Conn_StatusNotUsed'),
      icon: 'utility:info',
      theme: [],
    });
    expect(textOf(element, 'not-used')).toBe(label('SiSync_Conn_NotUsedHint'));
    expect(shadow(element).querySelector('lightning-relative-date-time')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('treats an unreadable last-success time as nothing delivered yet', async () => {
    const element = await mountCard({ ...adminPage, connection: { ...adminPage.connection, lastSuccessAt: 'not a date' } });

    expect(statusOf(element).badge).toBe(label('SiSync_Conn_StatusNotUsed'));
    await expect(element).toBeAccessible();
  });

  it('says Paused with a warning badge and, for an admin, why', async () => {
    const element = await mountCard(pausedAdminPage);

    expect(statusOf(element)).toEqual({
      name: label('SiSync_Conn_StatusLabel'),
      badge: label('SiSync_Conn_StatusPaused'),
      icon: 'utility:pause',
      theme: ['slds-theme_warning'],
    });
    expect(textOf(element, 'pause-reason')).toBe(labelWith('SiSync_Conn_Paused', 'HTTP 401: invalid_token'));
    expect(byId(element, 'rep-paused')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('keeps Paused ahead of an earlier successful delivery', async () => {
    const element = await mountCard({ ...adminPage, connection: { ...adminPage.connection, paused: true } });

    expect(statusOf(element).badge).toBe(label('SiSync_Conn_StatusPaused'));
    expect(byId(element, 'last-success')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('tells an admin when a pause has no recorded reason', async () => {
    const element = await mountCard({ ...pausedAdminPage, connection: { ...pausedAdminPage.connection, pauseReason: null } });

    expect(textOf(element, 'pause-reason')).toBe(label('SiSync_Conn_PausedNoReason'));
    await expect(element).toBeAccessible();
  });

  it("tells a rep during a pause that their changes are kept, without the endpoint's reason", async () => {
    const element = await mountCard(pausedRepPage);

    expect(statusOf(element).badge).toBe(label('SiSync_Conn_StatusPaused'));
    expect(textOf(element, 'rep-paused')).toBe(label('SiSync_Conn_RepPaused'));
    expect(byId(element, 'pause-reason')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('gives an admin the connection test with its Test connection button', async () => {
    const element = await mountCard(adminPage);

    const tests = shadow(element).querySelectorAll('c-connection-test');
    expect(tests).toHaveLength(1);
    expect(byId<HTMLElement & { label: string }>(tests[0]!, 'test')?.label).toBe(label('SiSync_Conn_TestButton'));
    expect(byId(element, 'rep-help')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('gives a rep no connection test and no button, only what to do if sync looks stuck', async () => {
    const element = await mountCard(repPage);

    expect(statusOf(element).badge).toBe(label('SiSync_Conn_StatusConnected'));
    expect(shadow(element).querySelector('c-connection-test')).toBeNull();
    expect(shadow(element).querySelector('lightning-button')).toBeNull();
    expect(textOf(element, 'rep-help')).toBe(label('SiSync_Conn_RepHelp'));
    await expect(element).toBeAccessible();
  });

  it('imports no Apex: only c-connection-test, rendered for admins, calls ConnectionController', () => {
    const source = readFileSync(join(__dirname, '..', 'connectionCard.ts'), 'utf8');

    expect(source).not.toMatch(/@salesforce\/apex/);
  });
});
