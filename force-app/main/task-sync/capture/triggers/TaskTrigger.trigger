/**
 * @description Task changes for Sales Insight Sync: everything happens in TaskSyncTriggerHandler.
 */
trigger TaskTrigger on Task(before insert, before update, after insert, after update, after delete, after undelete) {
    new TaskSyncTriggerHandler().run();
}
