import { test } from 'node:test';
import assert from 'node:assert/strict';
import { referenceFindings } from '../lwc-references.ts';

const known = {
  methods: new Map([['syncsettingscontroller', new Set(['getmysettings'])]]),
  labels: new Set(['SiSync_SummaryTitle']),
  components: new Set(['syncSettingsSummary']),
};

test('imports that resolve give no finding', () => {
  const source = [
    "import { LightningElement } from 'lwc';",
    "import getMySettings from '@salesforce/apex/SyncSettingsController.getMySettings';",
    "import TITLE from '@salesforce/label/c.SiSync_SummaryTitle';",
    "import { x } from 'c/syncSettingsSummary';",
  ].join('\n');
  assert.deepEqual(referenceFindings('a.ts', source, known), []);
});

test('unknown Apex classes, methods, labels and components are located', () => {
  const source = [
    "import a from '@salesforce/apex/NoSuchController.get';",
    "import b from '@salesforce/apex/SyncSettingsController.getTheirSettings';",
    "import c from '@salesforce/label/c.SiSync_Nope';",
    "import d from 'c/missingCard';",
  ].join('\n');
  assert.deepEqual(referenceFindings('a.ts', source, known), [
    { file: 'a.ts', line: 1, message: 'imports @salesforce/apex/NoSuchController.get: no Apex class NoSuchController in the checkout' },
    {
      file: 'a.ts',
      line: 2,
      message:
        'imports @salesforce/apex/SyncSettingsController.getTheirSettings: SyncSettingsController has no @AuraEnabled method getTheirSettings',
    },
    { file: 'a.ts', line: 3, message: 'imports @salesforce/label/c.SiSync_Nope: no custom label SiSync_Nope in any labels file' },
    { file: 'a.ts', line: 4, message: 'imports c/missingCard: no component missingCard in the checkout' },
  ]);
});
