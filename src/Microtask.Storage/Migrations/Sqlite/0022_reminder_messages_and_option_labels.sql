-- The message that reminded the worker of a lease (its Extend button is taken away when the lease ends).
ALTER TABLE assignments ADD COLUMN reminder_message_id bigint;
