/**
 * @description Starts the relay when Task changes were queued; runs as the integration user set in
 * this trigger's PlatformEventSubscriberConfig (docs/task-sync.md). Retries: OutboxReadySubscriber.
 */
trigger OutboxReadyTrigger on OutboxReady__e(after insert) {
    OutboxReadySubscriber.handle(EventBus.TriggerContext.currentContext().retries);
}
