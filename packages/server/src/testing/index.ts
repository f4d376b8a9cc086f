// @calmdesk/server/testing: what tests, browser tests and benchmarks outside this package use.

export type { NewCase } from '@calmdesk/contracts';
export { escalateOverdue } from '../alerts/alerts.service.ts';
// The server and the services the browser tests seed data with and the benchmarks measure.
export {
  abuseExposure,
  commitmentsKept,
  costToServe,
  deEscalation,
  problemsByCategory,
  responseTimes,
  revenuePareto,
} from '../analytics/analytics.service.ts';
export { type Period, resolvePeriod } from '../analytics/period.ts';
export type { Actor } from '../auth/actor.ts';
export { SESSION_COOKIE } from '../auth/auth.hook.ts';
export { createToken } from '../auth/auth.service.ts';
export { digest, newSecret } from '../auth/secrets.ts';
export { createCase, updateCase } from '../cases/cases.service.ts';
export { addInteraction } from '../cases/interactions.service.ts';
export { computePriority } from '../cases/priority.ts';
export { type Config, loadConfig } from '../config.ts';
export { type Db, type OpenDatabase, openDatabase } from '../db/database.ts';
export { newId } from '../db/ids.ts';
export type { CaseStatus, Channel, Role } from '../db/schema.ts';
export { buildApp } from '../http/app.ts';
export { processMail, processMailAsParsed, storeRawMail } from '../mail/ingest-mail.ts';
export { syncMailboxOnce } from '../mail/mail-poller.ts';
export {
  addMailbox,
  loadMailboxConnections,
  markMailboxFailing,
  markMailboxSynced,
} from '../mail/mailboxes.service.ts';
export { MAX_ATTACHMENT_BYTES, OVER_LIMIT_NOTE, type ParsedMail, parseMail } from '../mail/parse-mail.ts';
export { type RunningServer, startServer } from '../server.ts';
export { DEFAULT_SETTINGS, saveSettings } from '../settings/settings.service.ts';
export { PLAY_THROUGHS, type PlayThrough } from '../training/play-throughs.test-helper.ts';
export { addUser, type PublicUser } from '../users/users.service.ts';
// Test support.
export { type Dovecot, findDovecot, startDovecot } from './dovecot.ts';
export {
  connectEventStream,
  type EventStreamClient,
  type ReceivedEvent,
} from './event-stream-client.ts';
export {
  checkPart,
  chromiumPath,
  dovecotPath,
  hasPart,
  MissingPartError,
  PARTS,
  type Part,
  type PartStatus,
  requiredParts,
} from './requirements.ts';
export { freePort, type ServeProcess, type ServeProcessOptions, startServeProcess } from './serve-process.ts';
export {
  createTestApp,
  HAS_POSTGRES,
  openTestDatabase,
  TEST_DATABASES,
  type TestApp,
} from './test-app.ts';
