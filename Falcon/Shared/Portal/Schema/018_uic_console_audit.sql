-- Falcon: the audit of changes the console makes to uic (users, teams, memberships) and of sign-ins, written in the
-- same transaction as the change. Same shape as falcon_portal.falcon_audit; the history page shows both.
CREATE TABLE IF NOT EXISTS `falcon_audit` (
  `id`        BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  `at`        DATETIME(3)     NOT NULL,
  `actor`     VARCHAR(64)     NOT NULL,
  `action`    VARCHAR(32)     NOT NULL,
  `kind`      VARCHAR(32)     NOT NULL COMMENT 'user, team, session',
  `object`    VARCHAR(255)    NOT NULL,
  `old_value` MEDIUMTEXT      NULL,
  `new_value` MEDIUMTEXT      NULL,
  `summary`   VARCHAR(1024)   NOT NULL DEFAULT '',
  PRIMARY KEY (`id`),
  KEY `idx_falcon_audit_object` (`kind`, `object`, `id`),
  KEY `idx_falcon_audit_at` (`at`)
)
  ENGINE = InnoDB
  DEFAULT CHARSET = utf8mb4
  COLLATE = utf8mb4_unicode_ci
  COMMENT = 'Falcon: audit of uic changes and sign-ins (console)';
