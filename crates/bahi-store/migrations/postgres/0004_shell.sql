-- The app's shell (issue 10): a business's phone, email and time zone; why a platform
-- administrator suspended it; each user's language; and the audit trail's structured details
-- (the words a person reads are made from them, in their language).
ALTER TABLE organisations ADD COLUMN phone TEXT;
ALTER TABLE organisations ADD COLUMN email TEXT;
ALTER TABLE organisations ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'Asia/Kolkata';
ALTER TABLE organisations ADD COLUMN suspension_reason TEXT;
ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT 'en'
    CONSTRAINT users_language_check CHECK (language IN ('en', 'hi'));
ALTER TABLE audit_events ADD COLUMN details TEXT;
