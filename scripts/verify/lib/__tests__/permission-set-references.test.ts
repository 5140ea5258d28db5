import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { permissionSetReferenceFindings } from '../permission-set-references.ts';

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'psref-'));
  writeFileSync(join(root, 'sfdx-project.json'), JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }] }));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const permissionSet = (body: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">\n${body}\n</PermissionSet>\n`;

test('references that exist give no finding; Task fields resolve to Activity', () => {
  const root = workspace({
    'force-app/main/a/classes/Ctrl.cls': 'public class Ctrl {}',
    'force-app/main/a/objects/Activity/fields/SiaTaskId__c.field-meta.xml': '<CustomField/>',
    'force-app/main/a/objects/Outbox__c/Outbox__c.object-meta.xml': '<CustomObject/>',
    'force-app/main/a/customPermissions/Manage.customPermission-meta.xml': '<CustomPermission/>',
    'force-app/main/a/externalCredentials/Sia.externalCredential-meta.xml':
      '<ExternalCredential><externalCredentialParameters><parameterName>Bot</parameterName><parameterType>NamedPrincipal</parameterType></externalCredentialParameters></ExternalCredential>',
    'force-app/main/a/permissionsets/P.permissionset-meta.xml': permissionSet(
      [
        '<classAccesses><apexClass>Ctrl</apexClass><enabled>true</enabled></classAccesses>',
        '<customPermissions><enabled>true</enabled><name>Manage</name></customPermissions>',
        '<externalCredentialPrincipalAccesses><enabled>true</enabled><externalCredentialPrincipal>Sia-Bot</externalCredentialPrincipal></externalCredentialPrincipalAccesses>',
        '<fieldPermissions><editable>false</editable><field>Task.SiaTaskId__c</field><readable>true</readable></fieldPermissions>',
        '<fieldPermissions><editable>false</editable><field>Account.Name</field><readable>true</readable></fieldPermissions>',
        '<objectPermissions><allowRead>true</allowRead><object>Outbox__c</object></objectPermissions>',
      ].join('\n'),
    ),
  });
  try {
    assert.deepEqual(permissionSetReferenceFindings(root), []);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('each kind of dangling reference is reported at its line', () => {
  const root = workspace({
    'force-app/main/a/permissionsets/P.permissionset-meta.xml': permissionSet(
      [
        '<classAccesses><apexClass>Gone</apexClass><enabled>true</enabled></classAccesses>',
        '<customPermissions><enabled>true</enabled><name>Nope</name></customPermissions>',
        '<externalCredentialPrincipalAccesses><enabled>true</enabled><externalCredentialPrincipal>Sia-Bot</externalCredentialPrincipal></externalCredentialPrincipalAccesses>',
        '<fieldPermissions><editable>false</editable><field>Task.Missing__c</field><readable>true</readable></fieldPermissions>',
        '<objectPermissions><allowRead>true</allowRead><object>Missing__c</object></objectPermissions>',
      ].join('\n'),
    ),
  });
  try {
    const messages = permissionSetReferenceFindings(root).map((finding) => `${finding.line} ${finding.message}`);
    assert.deepEqual(messages, [
      '3 apexClass Gone: no such class in the checkout',
      '7 object Missing__c: no such object in the checkout',
      '6 field Task.Missing__c: no objects/Activity/fields/Missing__c.field-meta.xml',
      '4 customPermission Nope: no such custom permission in the checkout',
      '5 externalCredentialPrincipal Sia-Bot: no NamedPrincipal Bot on external credential Sia',
    ]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
