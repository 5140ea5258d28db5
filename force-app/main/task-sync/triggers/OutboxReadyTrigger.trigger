/**
 * @description Starts the relay when Task changes were queued; runs as the integration user set in
 * this trigger's PlatformEventSubscriberConfig (docs/task-sync.md).
 */
trigger OutboxReadyTrigger on OutboxReady__e(after insert) {
    RelayEnqueuer.kick();
}
