-- Falcon additions for configuring monitoring in the console. Open-falcon's own tables are left exactly as they are
-- (Go components keep reading them); what open-falcon had no place for lives in tables of its own.

-- Every change the console makes to falcon_portal, written in the same transaction as the change: who, when, what,
-- and the object's value before and after as JSON (by names, not ids), so the history page can show a diff and
-- restore a version. Silences, acknowledgements and upgrade pushes are recorded here too.
CREATE TABLE IF NOT EXISTS `falcon_audit` (
  `id`        BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  `at`        DATETIME(3)     NOT NULL,
  `actor`     VARCHAR(64)     NOT NULL,
  `action`    VARCHAR(32)     NOT NULL COMMENT 'create, update, delete, restore, silence, ack, upgrade, ...',
  `kind`      VARCHAR(32)     NOT NULL COMMENT 'group, template, strategy, action, expression, host (maintenance windows), aggregate, ...',
  `object`    VARCHAR(255)    NOT NULL COMMENT 'the object by name (template name, group name, ...)',
  `old_value` MEDIUMTEXT      NULL COMMENT 'JSON before the change; NULL when created',
  `new_value` MEDIUMTEXT      NULL COMMENT 'JSON after the change; NULL when deleted',
  `summary`   VARCHAR(1024)   NOT NULL DEFAULT '',
  PRIMARY KEY (`id`),
  KEY `idx_falcon_audit_object` (`kind`, `object`, `id`),
  KEY `idx_falcon_audit_at` (`at`)
)
  ENGINE = InnoDB
  DEFAULT CHARSET = utf8mb4
  COLLATE = utf8mb4_unicode_ci
  COMMENT = 'Falcon: audit of configuration changes (console)';

-- Group tags: a path such as `shop/payments/db` per row; the console's service tree nests groups by these paths.
CREATE TABLE IF NOT EXISTS `falcon_grp_tag` (
  `id`     INT UNSIGNED NOT NULL AUTO_INCREMENT,
  `grp_id` INT UNSIGNED NOT NULL,
  `tag`    VARCHAR(255) NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uk_falcon_grp_tag` (`grp_id`, `tag`),
  KEY `idx_falcon_grp_tag_tag` (`tag`)
)
  ENGINE = InnoDB
  DEFAULT CHARSET = utf8mb4
  COLLATE = utf8mb4_unicode_ci
  COMMENT = 'Falcon: service-tree tags of host groups';

-- Escalation of an action: when a case it raised stays unacknowledged `after_minutes`, the teams of `uic`
-- (comma-separated team names, as action.uic) are notified; steps run in `step` order.
CREATE TABLE IF NOT EXISTS `falcon_action_escalation` (
  `id`            INT UNSIGNED NOT NULL AUTO_INCREMENT,
  `action_id`     INT UNSIGNED NOT NULL,
  `step`          TINYINT UNSIGNED NOT NULL DEFAULT 1,
  `after_minutes` INT UNSIGNED NOT NULL,
  `uic`           VARCHAR(255) NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uk_falcon_action_escalation` (`action_id`, `step`)
)
  ENGINE = InnoDB
  DEFAULT CHARSET = utf8mb4
  COLLATE = utf8mb4_unicode_ci
  COMMENT = 'Falcon: escalation steps of an action (alarm role)';

-- Per-action channel switches open-falcon's `action` has no columns for. No row means everything on (open-falcon's
-- behaviour): the phone is called for the priorities alarm.phone names, IM goes to the users and the action's group
-- chats (action_im_group). A 0 turns that channel off for this action's alarms; SMS and mail follow open-falcon's
-- priority rules unchanged.
CREATE TABLE IF NOT EXISTS `falcon_action_channel` (
  `action_id`  INT UNSIGNED NOT NULL,
  `phone`      TINYINT(1)   NOT NULL DEFAULT 1,
  `im`         TINYINT(1)   NOT NULL DEFAULT 1,
  `group_chat` TINYINT(1)   NOT NULL DEFAULT 1,
  PRIMARY KEY (`action_id`)
)
  ENGINE = InnoDB
  DEFAULT CHARSET = utf8mb4
  COLLATE = utf8mb4_unicode_ci
  COMMENT = 'Falcon: channel switches of an action (alarm role)';
