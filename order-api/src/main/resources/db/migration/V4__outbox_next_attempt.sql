-- When the sweep may (re)try an event: after the relay had its chance, then with exponential backoff. A sweep
-- claims an event by moving this forward with a conditional update, so several order-api instances on one
-- database do not publish the same event at the same time.
alter table outbox_events add column next_attempt_at timestamp with time zone;
update outbox_events set next_attempt_at = created_at;
alter table outbox_events alter column next_attempt_at set not null;
drop index outbox_events_pending;
create index outbox_events_due on outbox_events (published_at, next_attempt_at);
