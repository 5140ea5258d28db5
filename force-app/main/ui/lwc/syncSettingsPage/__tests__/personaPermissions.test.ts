/**
 * Nothing on the settings page that the user's permission sets cannot run. For each persona —
 * an admin (the packaged Admin permission set), a rep (the packaged User set) and a user with
 * neither (Minimum Access) — the page is rendered from that persona's fixture, and every Apex
 * class it could call is collected two ways: the `@salesforce/apex` imports of every component
 * actually rendered (and of the modules they import), and the Apex each enabled button calls
 * when clicked. Each class must be in the persona's permission set (`classAccesses`), read from
 * the permission-set XML the package ships.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import SyncSettingsPage from 'c/syncSettingsPage';
import load from '@salesforce/apex/SettingsPageController.load';
import listProfiles from '@salesforce/apex/ProfileSettingsController.listProfiles';
import type { TestWireAdapter } from '@salesforce/sfdx-lwc-jest';
import { flush, mount, textOf, unmountAll } from 'test/lwcSupport';
import adminPage from './data/SettingsPageController.load.json';
import repPage from './data/SettingsPageController.load.repWithLocks.json';
import noAccess from './data/SettingsPageController.load.noAccess.json';
import offerPage from './data/SettingsPageController.load.canAssignAdminSet.json';
import profilesFixture from '../../profileSettings/__tests__/data/ProfileSettingsController.listProfiles.json';

const LWC_ROOT = join(__dirname, '../..');
const PERMISSION_SETS = join(__dirname, '../../../../access/permissionsets');

/** Every imperative Apex method a component of the page imports; each call is recorded by its name. */
const mockCalls: string[] = [];
jest.mock(
  '@salesforce/apex/SettingsPageController.load',
  () => {
    const { createApexTestWireAdapter: create } = jest.requireActual('@salesforce/sfdx-lwc-jest');
    return { default: create(jest.fn()) };
  },
  { virtual: true },
);
jest.mock(
  '@salesforce/apex/ProfileSettingsController.listProfiles',
  () => {
    const { createApexTestWireAdapter: create } = jest.requireActual('@salesforce/sfdx-lwc-jest');
    return { default: create(jest.fn()) };
  },
  { virtual: true },
);
jest.mock('@salesforce/apex', () => ({ refreshApex: jest.fn(() => Promise.resolve()) }), { virtual: true });
const recorded = (name: string) => () => ({
  default: jest.fn(() => {
    mockCalls.push(name);
    return new Promise(() => undefined);
  }),
});
jest.mock('@salesforce/apex/SyncSettingsController.saveMySettings', () => recorded('SyncSettingsController.saveMySettings')(), {
  virtual: true,
});
jest.mock('@salesforce/apex/SyncSettingsController.saveOrgSettings', () => recorded('SyncSettingsController.saveOrgSettings')(), {
  virtual: true,
});
jest.mock(
  '@salesforce/apex/ProfileSettingsController.getProfileSettings',
  () => recorded('ProfileSettingsController.getProfileSettings')(),
  { virtual: true },
);
jest.mock(
  '@salesforce/apex/ProfileSettingsController.saveProfileSettings',
  () => recorded('ProfileSettingsController.saveProfileSettings')(),
  { virtual: true },
);
jest.mock(
  '@salesforce/apex/ProfileSettingsController.clearProfileSettings',
  () => recorded('ProfileSettingsController.clearProfileSettings')(),
  { virtual: true },
);
jest.mock('@salesforce/apex/BccController.activate', () => recorded('BccController.activate')(), { virtual: true });
jest.mock('@salesforce/apex/BccController.deactivate', () => recorded('BccController.deactivate')(), { virtual: true });
jest.mock('@salesforce/apex/TaskSyncController.setMode', () => recorded('TaskSyncController.setMode')(), { virtual: true });
jest.mock('@salesforce/apex/TaskSyncController.getProgress', () => recorded('TaskSyncController.getProgress')(), { virtual: true });
jest.mock('@salesforce/apex/ConnectionController.testConnection', () => recorded('ConnectionController.testConnection')(), {
  virtual: true,
});
jest.mock('@salesforce/apex/SyncHealthController.retryFailed', () => recorded('SyncHealthController.retryFailed')(), { virtual: true });
jest.mock('@salesforce/apex/SetupAssistantController.assignAdminSetToMe', () => recorded('SetupAssistantController.assignAdminSetToMe')(), {
  virtual: true,
});
jest.mock('@salesforce/apex/SigningController.generateKey', () => recorded('SigningController.generateKey')(), { virtual: true });
jest.mock('@salesforce/apex/SigningController.acceptUnsignedCalls', () => recorded('SigningController.acceptUnsignedCalls')(), {
  virtual: true,
});
jest.mock('@salesforce/apex/SyncHealthController.resume', () => recorded('SyncHealthController.resume')(), { virtual: true });

const pageWire = load as unknown as TestWireAdapter;
const profilesWire = listProfiles as unknown as TestWireAdapter;

/** The Apex classes a permission set grants, from its XML. */
function classesOf(permissionSet: string): Set<string> {
  const xml = readFileSync(join(PERMISSION_SETS, `${permissionSet}.permissionset-meta.xml`), 'utf8');
  const granted = [...xml.matchAll(/<classAccesses>\s*<apexClass>(\w+)<\/apexClass>\s*<enabled>true<\/enabled>\s*<\/classAccesses>/g)];
  return new Set(granted.map((match) => match[1] ?? ''));
}

/** `c-email-api-settings` → `emailApiSettings`. */
function folderOf(tag: string): string {
  return tag.replace(/^c-/, '').replace(/-([a-z])/g, (_whole, letter: string) => letter.toUpperCase());
}

/** The Apex classes a component's (or module's) source imports, following its `c/` modules. */
function apexImportsOf(folder: string, seen = new Set<string>()): Set<string> {
  const classes = new Set<string>();
  if (seen.has(folder)) return classes;
  seen.add(folder);
  const source = readFileSync(join(LWC_ROOT, folder, `${folder}.ts`), 'utf8');
  for (const match of source.matchAll(/from '@salesforce\/apex\/(\w+)\.\w+'/g)) classes.add(match[1] ?? '');
  for (const match of source.matchAll(/from 'c\/(\w+)'/g)) for (const name of apexImportsOf(match[1] ?? '', seen)) classes.add(name);
  return classes;
}

/** Every element under a component, through every shadow root. */
function everyElement(root: Element): Element[] {
  const found: Element[] = [root];
  const children = [...(root.shadowRoot?.children ?? []), ...root.children];
  for (const child of children) found.push(...everyElement(child));
  return found;
}

function renderedComponents(page: Element): string[] {
  return [
    ...new Set(
      everyElement(page)
        .map((element) => element.tagName.toLowerCase())
        .filter((tag) => tag.startsWith('c-')),
    ),
  ].sort();
}

function enabledButtons(page: Element): HTMLElement[] {
  return everyElement(page).filter(
    (element): element is HTMLElement =>
      /^lightning-button(-icon|-stateful)?$/.test(element.tagName.toLowerCase()) &&
      (element as HTMLElement & { disabled?: boolean }).disabled !== true,
  );
}

/** Renders the page for a persona and collects every Apex class it could call. */
async function apexOfPage(
  answer: (wire: TestWireAdapter) => void,
): Promise<{ page: HTMLElement; components: string[]; classes: Set<string> }> {
  mockCalls.length = 0;
  const page = mount('c-sync-settings-page', SyncSettingsPage);
  answer(pageWire);
  profilesWire.emit(profilesFixture);
  await flush();
  const components = new Set(renderedComponents(page));
  for (const button of enabledButtons(page)) {
    button.dispatchEvent(new CustomEvent('click'));
    // One click at a time: each may render what the next finds (a confirmation, a spinner).
    // eslint-disable-next-line no-await-in-loop
    await flush();
    for (const tag of renderedComponents(page)) components.add(tag);
  }
  const classes = new Set<string>(mockCalls.map((call) => call.split('.')[0] ?? ''));
  for (const tag of components) for (const name of apexImportsOf(folderOf(tag))) classes.add(name);
  return { page, components: [...components].sort(), classes };
}

function notGranted(classes: Set<string>, granted: Set<string>): string[] {
  return [...classes].filter((name) => !granted.has(name)).sort();
}

describe('the settings page per persona', () => {
  afterEach(() => {
    unmountAll();
    jest.clearAllMocks();
  });

  it('reads the permission sets it checks against', () => {
    expect(classesOf('SalesInsightSyncUser').has('SettingsPageController')).toBe(true);
    expect(classesOf('SalesInsightSyncAdmin').has('SyncHealthController')).toBe(true);
  });

  it('an admin (Sales Insight Sync Admin) is offered only Apex that set grants', async () => {
    const { components, classes } = await apexOfPage((wire) => wire.emit(adminPage));

    expect(components).toEqual(
      expect.arrayContaining(['c-profile-settings', 'c-sync-health-card', 'c-connection-test', 'c-setup-assistant']),
    );
    expect(notGranted(classes, classesOf('SalesInsightSyncAdmin'))).toEqual([]);
  });

  it('a rep (Sales Insight Sync User) is offered only Apex that set grants: no connection test, no health, no profiles', async () => {
    const { components, classes } = await apexOfPage((wire) => wire.emit(repPage));

    expect(components).not.toEqual(expect.arrayContaining(['c-connection-test']));
    expect(notGranted(classes, classesOf('SalesInsightSyncUser'))).toEqual([]);
  });

  it('a rep who may assign permission sets is offered the Admin set through Apex the User set grants', async () => {
    const { components, classes } = await apexOfPage((wire) => wire.emit(offerPage));

    expect(components).toEqual(expect.arrayContaining(['c-admin-set-offer']));
    expect(components).not.toEqual(expect.arrayContaining(['c-setup-assistant']));
    expect(classes.has('SetupAssistantController')).toBe(true);
    expect(classes.has('SigningController')).toBe(false);
    expect(notGranted(classes, classesOf('SalesInsightSyncUser'))).toEqual([]);
  });

  it("a Minimum Access user gets the page's refusal and nothing to click", async () => {
    // The page's own load is how it learns the user has no access: the org refuses it, and the page says so.
    const { page, components, classes } = await apexOfPage((wire) => wire.error(noAccess.body, noAccess.status));

    expect(components).toEqual(['c-sync-settings-page']);
    expect([...classes]).toEqual(['SettingsPageController']);
    expect(enabledButtons(page)).toEqual([]);
    expect(textOf(page, 'error')).toBe(noAccess.body.message);
  });
});
