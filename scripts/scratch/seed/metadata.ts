/**
 * The two pieces of metadata org:seed deploys, built as data so they are tested without an org:
 * the Task queue, and (scratch orgs only) a permission set that lets the running user set audit
 * fields.
 *
 * Tasks can be owned by a queue whose supported objects include Task (a QueueSobject row with
 * SobjectType Task; the Queue metadata type's `queueSobject`). The package already treats such
 * Tasks as never synced (docs/task-sync.md, "Only users sync"); a queue-owned Task is what proves
 * it. Should an org refuse the queue, org:seed says so and seeds everything else.
 *
 * "Set Audit Fields upon Record Creation" is a user permission (`CreateAuditFields`) that exists
 * only once the org allows it (SecuritySettings `enableAuditFieldsInactiveOwner`, which the
 * project's scratch definition sets; Setup → User Interface elsewhere). A permission set naming it
 * in an org that does not allow it loses that permission on deploy, so org:seed describes Task
 * again afterwards rather than trusting the deploy.
 */
import { SEED_AUDIT_PERMISSION_SET, SEED_QUEUE } from './marker.ts';

function packageXml(apiVersion: string, members: string, type: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<Package xmlns="http://soap.sforce.com/2006/04/metadata">',
    '    <types>',
    `        <members>${members}</members>`,
    `        <name>${type}</name>`,
    '    </types>',
    `    <version>${apiVersion}</version>`,
    '</Package>',
    '',
  ].join('\n');
}

/** The seeded Task queue: metadata directory path → content. */
export function queueFiles(apiVersion: string): Record<string, string> {
  return {
    'package.xml': packageXml(apiVersion, SEED_QUEUE, 'Queue'),
    [`queues/${SEED_QUEUE}.queue`]: [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<Queue xmlns="http://soap.sforce.com/2006/04/metadata">',
      '    <doesSendEmailToMembers>false</doesSendEmailToMembers>',
      '    <name>Seed task queue</name>',
      '    <queueSobject>',
      '        <sobjectType>Task</sobjectType>',
      '    </queueSobject>',
      '</Queue>',
      '',
    ].join('\n'),
  };
}

/** The permission set with Set Audit Fields upon Record Creation: metadata directory path → content. */
export function auditFieldsPermissionSetFiles(apiVersion: string): Record<string, string> {
  return {
    'package.xml': packageXml(apiVersion, SEED_AUDIT_PERMISSION_SET, 'PermissionSet'),
    [`permissionsets/${SEED_AUDIT_PERMISSION_SET}.permissionset`]: [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">',
      '    <description>Lets npm run org:seed backdate sample Tasks (scratch orgs only).</description>',
      '    <hasActivationRequired>false</hasActivationRequired>',
      '    <label>Sales Insight Sync seed: audit fields</label>',
      '    <userPermissions>',
      '        <enabled>true</enabled>',
      '        <name>CreateAuditFields</name>',
      '    </userPermissions>',
      '</PermissionSet>',
      '',
    ].join('\n'),
  };
}
