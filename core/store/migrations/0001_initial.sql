-- skolbrygga schema, version 1: every concept the system stores. Later migrations add columns,
-- not concepts.
--
-- Conventions
-- * Every tenant-owned table starts its primary key with tenant_id, and every repository query
--   filters on it. References between tenant-owned operational tables are composite
--   (tenant_id, id) foreign keys, so a row can never point into another tenant.
-- * Canonical entity tables keep the columns later queries filter on, plus `data` (the canonical
--   object without id, tenantId, status and meta, and without its secret fields) and `content_hash`.
--   Secret fields (civic number, free-text reasons) live encrypted in `<field>_encrypted` columns;
--   content_hash covers only their keyed digests, never their plaintext, which a hash stored
--   next to the rest of the record would give away to a brute-force search.
--   `created_at`/`modified_at` are the object's meta; `modified_at` moves only when content_hash
--   changes. There are no foreign keys between canonical entities: streams arrive in any order and
--   retention purges them independently; references are resolved by the pipeline.
-- * No personal data in operational tables (runs, quarantine, audit, holds): ids, counts and codes.
-- * Timestamps are timestamptz(3): what the store emits (RFC 3339 with milliseconds) is exactly
--   what it holds, so an emitted timestamp works as a cursor (`modified_at > $after`).
-- * Plain PostgreSQL 15 DDL that PGlite also runs: no extensions.

CREATE TABLE tenants (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  key           text NOT NULL UNIQUE CHECK (key ~ '^[a-z0-9][a-z0-9_-]*$'),
  display_name  text NOT NULL,
  created_at    timestamptz(3) NOT NULL DEFAULT now(),
  updated_at    timestamptz(3) NOT NULL DEFAULT now(),
  disabled_at   timestamptz(3)
);

-- ---------------------------------------------------------------------------------------------
-- Sync runs (needed first: source links and quarantine point at them)
-- ---------------------------------------------------------------------------------------------

CREATE TABLE sync_runs (
  tenant_id      uuid NOT NULL REFERENCES tenants (id),
  id             uuid NOT NULL DEFAULT gen_random_uuid(),
  status         text NOT NULL DEFAULT 'queued'
                 CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'held', 'discarded')),
  mode           text NOT NULL CHECK (mode IN ('full', 'incremental')),
  trigger        text NOT NULL CHECK (trigger IN ('schedule', 'manual', 'api', 'cli', 'demo', 'retry')),
  -- null = every configured platform; set when a run was started for one platform
  platform       text,
  queued_at      timestamptz(3) NOT NULL DEFAULT now(),
  started_at     timestamptz(3),
  finished_at    timestamptz(3),
  error_code     text,
  error_message  text,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX sync_runs_recent_idx ON sync_runs (tenant_id, queued_at DESC);
CREATE INDEX sync_runs_status_idx ON sync_runs (tenant_id, status) WHERE status IN ('queued', 'running', 'held');

CREATE TABLE sync_run_streams (
  tenant_id      uuid NOT NULL,
  run_id         uuid NOT NULL,
  platform       text NOT NULL,
  stream         text NOT NULL,
  status         text NOT NULL DEFAULT 'queued'
                 CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'skipped')),
  pages          integer NOT NULL DEFAULT 0,
  added          integer NOT NULL DEFAULT 0,
  updated        integer NOT NULL DEFAULT 0,
  unchanged      integer NOT NULL DEFAULT 0,
  deleted        integer NOT NULL DEFAULT 0,
  quarantined    integer NOT NULL DEFAULT 0,
  started_at     timestamptz(3),
  finished_at    timestamptz(3),
  error_code     text,
  error_message  text,
  PRIMARY KEY (tenant_id, run_id, platform, stream),
  FOREIGN KEY (tenant_id, run_id) REFERENCES sync_runs (tenant_id, id) ON DELETE CASCADE
);

-- What a full snapshot saw, one row per page (a compact array of source ids, not one write per
-- record): after the run succeeds, source links of that stream not seen here become `missing`.
-- Unchanged records are thus never rewritten just to say "still there". Rows are dropped with
-- the run's retention.
CREATE TABLE sync_run_seen (
  tenant_id           uuid NOT NULL,
  run_id              uuid NOT NULL,
  source_system       text NOT NULL,
  source_instance     text NOT NULL,
  source_entity_type  text NOT NULL,
  page_no             integer NOT NULL,
  source_ids          text[] NOT NULL,
  PRIMARY KEY (tenant_id, run_id, source_system, source_instance, source_entity_type, page_no),
  FOREIGN KEY (tenant_id, run_id) REFERENCES sync_runs (tenant_id, id) ON DELETE CASCADE
);

-- The cursor to resume a stream from; saved in the same transaction as the page it follows.
CREATE TABLE checkpoints (
  tenant_id        uuid NOT NULL REFERENCES tenants (id),
  platform         text NOT NULL,
  source_instance  text NOT NULL,
  stream           text NOT NULL,
  cursor           jsonb NOT NULL,
  run_id           uuid,
  updated_at       timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, platform, source_instance, stream)
);

-- Records that failed validation. No payload, no personal data: where, which record, which field.
CREATE TABLE quarantine (
  tenant_id      uuid NOT NULL REFERENCES tenants (id),
  id             uuid NOT NULL DEFAULT gen_random_uuid(),
  platform       text NOT NULL,
  stream         text NOT NULL,
  source_id      text NOT NULL,
  field_path     text NOT NULL,
  message        text NOT NULL,
  run_id         uuid,
  first_seen_at  timestamptz(3) NOT NULL DEFAULT now(),
  last_seen_at   timestamptz(3) NOT NULL DEFAULT now(),
  occurrences    integer NOT NULL DEFAULT 1,
  resolved_at    timestamptz(3),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, platform, stream, source_id, field_path)
);
CREATE INDEX quarantine_open_idx ON quarantine (tenant_id, platform, stream, last_seen_at DESC)
  WHERE resolved_at IS NULL;
CREATE INDEX quarantine_run_idx ON quarantine (tenant_id, run_id);

-- A run that would delete or change more than the configured share waits here for an administrator.
CREATE TABLE holds (
  tenant_id    uuid NOT NULL,
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  run_id       uuid NOT NULL,
  -- which limit tripped: 'maxDeleteShare', 'maxChangeShare' or both joined by '+'
  reason       text NOT NULL,
  -- [{ platform, stream, kind: 'delete' | 'change', share, limit, count, total }]
  tripped      jsonb NOT NULL,
  status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'discarded')),
  created_at   timestamptz(3) NOT NULL DEFAULT now(),
  decided_by   text,
  decided_at   timestamptz(3),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, run_id),
  FOREIGN KEY (tenant_id, run_id) REFERENCES sync_runs (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX holds_pending_idx ON holds (tenant_id, created_at) WHERE status = 'pending';

-- ---------------------------------------------------------------------------------------------
-- Provenance: which platform record is which canonical object (model §1.11)
-- ---------------------------------------------------------------------------------------------

CREATE TABLE source_links (
  tenant_id           uuid NOT NULL REFERENCES tenants (id),
  id                  uuid NOT NULL DEFAULT gen_random_uuid(),
  source_system       text NOT NULL,
  source_instance     text NOT NULL,
  source_entity_type  text NOT NULL,
  source_id           text NOT NULL,
  canonical_type      text NOT NULL,
  canonical_id        uuid NOT NULL,
  content_hash        text NOT NULL,
  source_modified_at  timestamptz(3),
  first_seen_at       timestamptz(3) NOT NULL DEFAULT now(),
  -- last time this link was written: a change, a reappearance or a tombstone. "Seen in a full
  -- snapshot" is sync_run_seen's job, so unchanged links are not rewritten every night.
  last_seen_at        timestamptz(3) NOT NULL DEFAULT now(),
  last_changed_at     timestamptz(3) NOT NULL DEFAULT now(),
  mapper_version      text NOT NULL,
  last_sync_run_id    uuid NOT NULL,
  presence            text NOT NULL DEFAULT 'present' CHECK (presence IN ('present', 'missing', 'deleted')),
  missing_since       timestamptz(3),
  missing_runs        integer NOT NULL DEFAULT 0,
  raw_payload_ref     text,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, source_system, source_instance, source_entity_type, source_id)
);
CREATE INDEX source_links_canonical_idx ON source_links (tenant_id, canonical_type, canonical_id);
CREATE INDEX source_links_missing_idx ON source_links (tenant_id, source_system, source_instance, source_entity_type)
  WHERE presence = 'missing';

-- ---------------------------------------------------------------------------------------------
-- Canonical entities (model §1.3–§1.10)
-- ---------------------------------------------------------------------------------------------

CREATE TABLE organisations (
  tenant_id               uuid NOT NULL REFERENCES tenants (id),
  id                      uuid NOT NULL,
  status                  text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deleted')),
  organisation_type       text NOT NULL,
  school_unit_code        text,
  parent_organisation_id  uuid,
  data                    jsonb NOT NULL,
  content_hash            text NOT NULL,
  created_at              timestamptz(3) NOT NULL DEFAULT now(),
  modified_at             timestamptz(3) NOT NULL DEFAULT now(),
  deleted_at              timestamptz(3),
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX organisations_school_unit_idx ON organisations (tenant_id, school_unit_code) WHERE school_unit_code IS NOT NULL;
CREATE INDEX organisations_modified_idx ON organisations (tenant_id, modified_at);

CREATE TABLE persons (
  tenant_id           uuid NOT NULL REFERENCES tenants (id),
  id                  uuid NOT NULL,
  status              text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deleted')),
  -- the civic number, encrypted by the store's sealer (never plaintext here or in `data`)
  civic_no_encrypted  text,
  -- keyed hash (HMAC) of the normalised civic number: the identity-resolution key
  civic_no_hash       text,
  civic_no_type       text,
  birth_date          date,
  security_marking    text,
  protected_identity  boolean NOT NULL DEFAULT false,
  person_status       text,
  data                jsonb NOT NULL,
  content_hash        text NOT NULL,
  created_at          timestamptz(3) NOT NULL DEFAULT now(),
  modified_at         timestamptz(3) NOT NULL DEFAULT now(),
  deleted_at          timestamptz(3),
  PRIMARY KEY (tenant_id, id),
  CHECK (civic_no_encrypted IS NULL OR civic_no_hash IS NOT NULL)
);
-- One active person per civic number and tenant (model §1.4 matching rule).
CREATE UNIQUE INDEX persons_civic_no_hash_key ON persons (tenant_id, civic_no_hash)
  WHERE status = 'active' AND civic_no_hash IS NOT NULL;
CREATE INDEX persons_modified_idx ON persons (tenant_id, modified_at);

CREATE TABLE guardian_relations (
  tenant_id      uuid NOT NULL REFERENCES tenants (id),
  id             uuid NOT NULL,
  status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deleted')),
  student_id     uuid NOT NULL,
  guardian_id    uuid NOT NULL,
  relation_type  text NOT NULL,
  start_date     date,
  end_date       date,
  data           jsonb NOT NULL,
  content_hash   text NOT NULL,
  created_at     timestamptz(3) NOT NULL DEFAULT now(),
  modified_at    timestamptz(3) NOT NULL DEFAULT now(),
  deleted_at     timestamptz(3),
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX guardian_relations_active_key ON guardian_relations (tenant_id, student_id, guardian_id, relation_type)
  WHERE status = 'active';
CREATE INDEX guardian_relations_guardian_idx ON guardian_relations (tenant_id, guardian_id);
CREATE INDEX guardian_relations_modified_idx ON guardian_relations (tenant_id, modified_at);

CREATE TABLE enrolments (
  tenant_id       uuid NOT NULL REFERENCES tenants (id),
  id              uuid NOT NULL,
  status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deleted')),
  person_id       uuid NOT NULL,
  enroled_at_id   uuid NOT NULL,
  school_type     text NOT NULL,
  school_year     integer,
  start_date      date NOT NULL,
  end_date        date,
  data            jsonb NOT NULL,
  content_hash    text NOT NULL,
  created_at      timestamptz(3) NOT NULL DEFAULT now(),
  modified_at     timestamptz(3) NOT NULL DEFAULT now(),
  deleted_at      timestamptz(3),
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX enrolments_person_idx ON enrolments (tenant_id, person_id, start_date);
CREATE INDEX enrolments_school_idx ON enrolments (tenant_id, enroled_at_id, start_date);
CREATE INDEX enrolments_modified_idx ON enrolments (tenant_id, modified_at);

CREATE TABLE groups (
  tenant_id        uuid NOT NULL REFERENCES tenants (id),
  id               uuid NOT NULL,
  status           text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deleted')),
  group_type       text NOT NULL,
  organisation_id  uuid,
  start_date       date NOT NULL,
  end_date         date,
  data             jsonb NOT NULL,
  content_hash     text NOT NULL,
  created_at       timestamptz(3) NOT NULL DEFAULT now(),
  modified_at      timestamptz(3) NOT NULL DEFAULT now(),
  deleted_at       timestamptz(3),
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX groups_organisation_idx ON groups (tenant_id, organisation_id, group_type);
CREATE INDEX groups_modified_idx ON groups (tenant_id, modified_at);

CREATE TABLE group_memberships (
  tenant_id     uuid NOT NULL REFERENCES tenants (id),
  id            uuid NOT NULL,
  status        text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deleted')),
  group_id      uuid NOT NULL,
  person_id     uuid NOT NULL,
  start_date    date,
  end_date      date,
  data          jsonb NOT NULL,
  content_hash  text NOT NULL,
  created_at    timestamptz(3) NOT NULL DEFAULT now(),
  modified_at   timestamptz(3) NOT NULL DEFAULT now(),
  deleted_at    timestamptz(3),
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX group_memberships_group_idx ON group_memberships (tenant_id, group_id);
CREATE INDEX group_memberships_person_idx ON group_memberships (tenant_id, person_id);
CREATE INDEX group_memberships_modified_idx ON group_memberships (tenant_id, modified_at);

CREATE TABLE activities (
  tenant_id        uuid NOT NULL REFERENCES tenants (id),
  id               uuid NOT NULL,
  status           text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deleted')),
  organisation_id  uuid,
  subject_code     text,
  group_ids        uuid[] NOT NULL DEFAULT '{}',
  data             jsonb NOT NULL,
  content_hash     text NOT NULL,
  created_at       timestamptz(3) NOT NULL DEFAULT now(),
  modified_at      timestamptz(3) NOT NULL DEFAULT now(),
  deleted_at       timestamptz(3),
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX activities_organisation_idx ON activities (tenant_id, organisation_id);
CREATE INDEX activities_modified_idx ON activities (tenant_id, modified_at);

CREATE TABLE calendar_events (
  tenant_id        uuid NOT NULL REFERENCES tenants (id),
  id               uuid NOT NULL,
  status           text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deleted')),
  activity_id      uuid,
  organisation_id  uuid,
  start_time       timestamptz(3) NOT NULL,
  end_time         timestamptz(3) NOT NULL,
  cancelled        boolean NOT NULL DEFAULT false,
  data             jsonb NOT NULL,
  content_hash     text NOT NULL,
  created_at       timestamptz(3) NOT NULL DEFAULT now(),
  modified_at      timestamptz(3) NOT NULL DEFAULT now(),
  deleted_at       timestamptz(3),
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX calendar_events_activity_idx ON calendar_events (tenant_id, activity_id, start_time);
CREATE INDEX calendar_events_time_idx ON calendar_events (tenant_id, start_time);
CREATE INDEX calendar_events_modified_idx ON calendar_events (tenant_id, modified_at);

CREATE TABLE duties (
  tenant_id     uuid NOT NULL REFERENCES tenants (id),
  id            uuid NOT NULL,
  status        text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deleted')),
  person_id     uuid NOT NULL,
  duty_at_id    uuid NOT NULL,
  duty_role     text NOT NULL,
  start_date    date,
  end_date      date,
  data          jsonb NOT NULL,
  content_hash  text NOT NULL,
  created_at    timestamptz(3) NOT NULL DEFAULT now(),
  modified_at   timestamptz(3) NOT NULL DEFAULT now(),
  deleted_at    timestamptz(3),
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX duties_person_idx ON duties (tenant_id, person_id);
CREATE INDEX duties_modified_idx ON duties (tenant_id, modified_at);

-- SS 12000 Attendance shape (model §1.9, optional projection): one row per pupil and lesson.
CREATE TABLE lesson_attendances (
  tenant_id                 uuid NOT NULL REFERENCES tenants (id),
  id                        uuid NOT NULL,
  status                    text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deleted')),
  student_id                uuid NOT NULL,
  calendar_event_id         uuid NOT NULL,
  -- the platform's free-text reason, encrypted by the store's sealer
  absence_reason_encrypted  text,
  data                      jsonb NOT NULL,
  content_hash              text NOT NULL,
  created_at                timestamptz(3) NOT NULL DEFAULT now(),
  modified_at               timestamptz(3) NOT NULL DEFAULT now(),
  deleted_at                timestamptz(3),
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX lesson_attendances_active_key ON lesson_attendances (tenant_id, student_id, calendar_event_id)
  WHERE status = 'active';
CREATE INDEX lesson_attendances_event_idx ON lesson_attendances (tenant_id, calendar_event_id);
CREATE INDEX lesson_attendances_modified_idx ON lesson_attendances (tenant_id, modified_at);

-- One row per source record (model §1.9): the natural key is the source reference, so a
-- reclassification (ogiltig → giltig) updates the same row.
CREATE TABLE absence_records (
  tenant_id              uuid NOT NULL REFERENCES tenants (id),
  id                     uuid NOT NULL,
  status                 text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deleted')),
  source_system          text NOT NULL,
  source_instance        text NOT NULL,
  source_entity_type     text NOT NULL,
  source_id              text NOT NULL,
  student_id             uuid NOT NULL,
  organisation_id        uuid,
  record_kind            text NOT NULL CHECK (record_kind IN ('notice', 'registration')),
  category               text NOT NULL,
  validity               text NOT NULL CHECK (validity IN ('valid', 'invalid', 'undetermined')),
  date                   date NOT NULL,
  start_time             timestamptz(3),
  end_time               timestamptz(3),
  all_day                boolean,
  absence_minutes        integer,
  calendar_event_id      uuid,
  related_notice_id      uuid,
  leave_application_id   uuid,
  -- free-text reason, encrypted by the store's sealer: potentially health data (model §1.1 rule 7)
  reason_text_encrypted  text,
  data                   jsonb NOT NULL,
  content_hash           text NOT NULL,
  created_at             timestamptz(3) NOT NULL DEFAULT now(),
  modified_at            timestamptz(3) NOT NULL DEFAULT now(),
  deleted_at             timestamptz(3),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, source_system, source_instance, source_entity_type, source_id)
);
CREATE INDEX absence_records_student_idx ON absence_records (tenant_id, student_id, date);
CREATE INDEX absence_records_date_idx ON absence_records (tenant_id, date, category);
CREATE INDEX absence_records_modified_idx ON absence_records (tenant_id, modified_at);

CREATE TABLE leave_applications (
  tenant_id              uuid NOT NULL REFERENCES tenants (id),
  id                     uuid NOT NULL,
  status                 text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deleted')),
  source_system          text NOT NULL,
  source_instance        text NOT NULL,
  source_entity_type     text NOT NULL,
  source_id              text NOT NULL,
  student_id             uuid NOT NULL,
  organisation_id        uuid,
  decision_status        text NOT NULL,
  requested_at           timestamptz(3) NOT NULL,
  start_time             timestamptz(3) NOT NULL,
  end_time               timestamptz(3) NOT NULL,
  reason_text_encrypted  text,
  decision_comment_encrypted  text,
  data                   jsonb NOT NULL,
  content_hash           text NOT NULL,
  created_at             timestamptz(3) NOT NULL DEFAULT now(),
  modified_at            timestamptz(3) NOT NULL DEFAULT now(),
  deleted_at             timestamptz(3),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, source_system, source_instance, source_entity_type, source_id)
);
CREATE INDEX leave_applications_student_idx ON leave_applications (tenant_id, student_id, start_time);
CREATE INDEX leave_applications_modified_idx ON leave_applications (tenant_id, modified_at);

-- model §1.12: what was deleted, when and why, without personal data; kept after retention purge.
CREATE TABLE deletion_log (
  tenant_id       uuid NOT NULL REFERENCES tenants (id),
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  entity_type     text NOT NULL,
  entity_id       uuid NOT NULL,
  deleted_at      timestamptz(3) NOT NULL DEFAULT now(),
  reason          text NOT NULL
                  CHECK (reason IN ('sourceDeleted', 'sourceMissing', 'merged', 'retentionPurge', 'manual')),
  merged_into_id  uuid,
  evidence        text,
  run_id          uuid,
  PRIMARY KEY (tenant_id, id),
  CHECK ((reason = 'merged') = (merged_into_id IS NOT NULL))
);
CREATE INDEX deletion_log_deleted_at_idx ON deletion_log (tenant_id, deleted_at);
CREATE INDEX deletion_log_entity_idx ON deletion_log (tenant_id, entity_type, entity_id);

-- ---------------------------------------------------------------------------------------------
-- Rule decisions (rules §2.6, §2.10, §8)
-- ---------------------------------------------------------------------------------------------

-- The latest state of every event a rule pack has emitted, for diffing the next run against.
-- `event_id` is the event's stable identity in its pseudonymous form: the subject part is the
-- keyed hash (the same value as subject_key_hash), never the civic number.
CREATE TABLE decisions (
  tenant_id             uuid NOT NULL REFERENCES tenants (id),
  id                    uuid NOT NULL DEFAULT gen_random_uuid(),
  pack                  text NOT NULL,
  event_id              text NOT NULL,
  event_type            text NOT NULL,
  subject_key_hash      text NOT NULL,
  student_id            uuid,
  trigger_date          date NOT NULL,
  status                text NOT NULL CHECK (status IN ('issued', 'amended', 'retracted')),
  recipient             text NOT NULL,
  details               jsonb NOT NULL DEFAULT '{}',
  evidence_record_ids   text[] NOT NULL DEFAULT '{}',
  protected_identity    boolean NOT NULL DEFAULT false,
  -- hash of the normative fields (rules §8); a change makes the next emission `amended`
  content_hash          text NOT NULL,
  version               integer NOT NULL DEFAULT 1,
  last_run_id           uuid,
  first_issued_at       timestamptz(3) NOT NULL DEFAULT now(),
  updated_at            timestamptz(3) NOT NULL DEFAULT now(),
  retracted_at          timestamptz(3),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, pack, event_id)
);
CREATE INDEX decisions_student_idx ON decisions (tenant_id, student_id);
CREATE INDEX decisions_subject_idx ON decisions (tenant_id, pack, subject_key_hash);
CREATE INDEX decisions_type_idx ON decisions (tenant_id, event_type, status, trigger_date);

-- ---------------------------------------------------------------------------------------------
-- Webhooks (DESIGN §7)
-- ---------------------------------------------------------------------------------------------

CREATE TABLE webhook_endpoints (
  tenant_id        uuid NOT NULL REFERENCES tenants (id),
  id               uuid NOT NULL DEFAULT gen_random_uuid(),
  -- the endpoint's name in the configuration
  name             text NOT NULL,
  url              text NOT NULL,
  -- references to secrets (environment variable names), never the secrets: two during rotation
  secret_refs      text[] NOT NULL CHECK (cardinality(secret_refs) BETWEEN 1 AND 2),
  -- event types delivered to this endpoint; empty = all
  event_types      text[] NOT NULL DEFAULT '{}',
  enabled          boolean NOT NULL DEFAULT true,
  disabled_at      timestamptz(3),
  disabled_reason  text,
  failing_since    timestamptz(3),
  created_at       timestamptz(3) NOT NULL DEFAULT now(),
  updated_at       timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, name)
);

-- One message per (event, endpoint). `id` is the Standard Webhooks `webhook-id`: stable across
-- retries; an amendment is a new message.
CREATE TABLE outbox (
  tenant_id        uuid NOT NULL,
  id               uuid NOT NULL DEFAULT gen_random_uuid(),
  -- enqueue order, so messages due at the same instant go out in the order they were written
  seq              bigint GENERATED ALWAYS AS IDENTITY,
  endpoint_id      uuid NOT NULL,
  type             text NOT NULL,
  payload          jsonb NOT NULL,
  decision_id      uuid,
  run_id           uuid,
  created_at       timestamptz(3) NOT NULL DEFAULT now(),
  state            text NOT NULL DEFAULT 'pending'
                   CHECK (state IN ('pending', 'delivering', 'delivered', 'failed', 'dead')),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz(3) NOT NULL DEFAULT now(),
  delivered_at     timestamptz(3),
  last_error       text,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, endpoint_id) REFERENCES webhook_endpoints (tenant_id, id)
);
CREATE INDEX outbox_due_idx ON outbox (tenant_id, next_attempt_at, seq) WHERE state IN ('pending', 'failed');
CREATE INDEX outbox_endpoint_idx ON outbox (tenant_id, endpoint_id, created_at DESC);

-- Every delivery attempt.
CREATE TABLE deliveries (
  tenant_id     uuid NOT NULL,
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  message_id    uuid NOT NULL,
  endpoint_id   uuid NOT NULL,
  attempt       integer NOT NULL,
  status_code   integer,
  duration_ms   integer,
  error         text,
  attempted_at  timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, message_id, attempt),
  FOREIGN KEY (tenant_id, message_id) REFERENCES outbox (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX deliveries_endpoint_idx ON deliveries (tenant_id, endpoint_id, attempted_at DESC);

-- ---------------------------------------------------------------------------------------------
-- Access and accountability
-- ---------------------------------------------------------------------------------------------

-- Who did what. tenant_id is null for actions across municipalities (e.g. creating an API key).
-- No personal data: targets are ids.
CREATE TABLE audit_log (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id  uuid REFERENCES tenants (id),
  actor      text NOT NULL,
  action     text NOT NULL,
  target     text,
  details    jsonb NOT NULL DEFAULT '{}',
  at         timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_tenant_idx ON audit_log (tenant_id, at DESC);

-- API keys are stored as hashes; a key sees the tenants listed (null = every tenant).
CREATE TABLE api_keys (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name          text NOT NULL,
  key_hash      text NOT NULL UNIQUE,
  -- the first characters of the key, to recognise it in lists
  key_prefix    text NOT NULL,
  role          text NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
  tenant_ids    uuid[],
  created_at    timestamptz(3) NOT NULL DEFAULT now(),
  last_used_at  timestamptz(3),
  revoked_at    timestamptz(3)
);
