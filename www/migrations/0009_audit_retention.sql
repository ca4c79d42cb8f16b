-- The hourly run removes audit entries past the retention period, oldest first: this order.
CREATE INDEX audit_at ON audit(at);
