-- The inbox's retention job (ecomnow.consumer.inbox.retention) deletes by age.
create index processed_events_processed_at on processed_events (processed_at);
