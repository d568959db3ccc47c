-- Baseline of the open-falcon `alarms` database (falcon-plus
-- scripts/mysql/db_schema/5_alarms-db-schema.sql). Every statement is CREATE TABLE IF NOT EXISTS
-- so that an existing database keeps its tables and rows.
--
-- Upstream leaves the TIMESTAMP columns to the server's explicit_defaults_for_timestamp, so the
-- same DDL gave different tables on MySQL 5.7 (event_cases.timestamp silently became ON UPDATE
-- CURRENT_TIMESTAMP) and on MySQL 8 / MariaDB 10.10+. Here every TIMESTAMP column states its
-- NULL-ness and default, which turns the implicit behaviour off, so every server builds the same
-- table; event_cases.timestamp gets DEFAULT CURRENT_TIMESTAMP because a NOT NULL TIMESTAMP needs
-- an explicit default to stay clear of the implicit ON UPDATE.
-- {uic} is replaced by the quoted name of the uic database: event_note.user_id references
-- uic.user(id) across databases, so both databases must live on the same server.

-- The last state of each alarm; id is the event id (s_<sid>_<md5> or e_<eid>_<md5>).
CREATE TABLE IF NOT EXISTS `event_cases` (
  `id`             VARCHAR(50),
  `endpoint`       VARCHAR(100)     NOT NULL,
  `metric`         VARCHAR(200)     NOT NULL,
  `func`           VARCHAR(50),
  `cond`           VARCHAR(200)     NOT NULL,
  `note`           VARCHAR(500),
  `max_step`       INT(10) UNSIGNED,
  `current_step`   INT(10) UNSIGNED,
  `priority`       INT(6)           NOT NULL,
  `status`         VARCHAR(20)      NOT NULL,
  `timestamp`      TIMESTAMP        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  `update_at`      TIMESTAMP        NULL DEFAULT NULL,
  `closed_at`      TIMESTAMP        NULL DEFAULT NULL,
  `closed_note`    VARCHAR(250),
  `user_modified`  INT(10) UNSIGNED,
  `tpl_creator`    VARCHAR(64),
  `expression_id`  INT(10) UNSIGNED,
  `strategy_id`    INT(10) UNSIGNED,
  `template_id`    INT(10) UNSIGNED,
  `process_note`   MEDIUMINT,
  `process_status` VARCHAR(20)      DEFAULT 'unresolved',
  PRIMARY KEY (`id`),
  INDEX (`endpoint`, `strategy_id`, `template_id`)
)
  ENGINE = InnoDB
  DEFAULT CHARSET = utf8
  COLLATE = utf8_general_ci;

-- Every state change of an alarm; status 0 = PROBLEM, 1 = OK.
CREATE TABLE IF NOT EXISTS `events` (
  `id`           INT              NOT NULL AUTO_INCREMENT,
  `event_caseId` VARCHAR(50),
  `step`         INT(10) UNSIGNED,
  `cond`         VARCHAR(200)     NOT NULL,
  `status`       INT(3) UNSIGNED  DEFAULT 0,
  `timestamp`    TIMESTAMP        NULL DEFAULT NULL,
  PRIMARY KEY (`id`),
  INDEX (`event_caseId`),
  FOREIGN KEY (`event_caseId`) REFERENCES `event_cases` (`id`)
    ON DELETE CASCADE
    ON UPDATE CASCADE
)
  ENGINE = InnoDB
  DEFAULT CHARSET = utf8
  COLLATE = utf8_general_ci;

-- Notes people leave on an alarm.
CREATE TABLE IF NOT EXISTS `event_note` (
  `id`           MEDIUMINT        NOT NULL AUTO_INCREMENT,
  `event_caseId` VARCHAR(50),
  `note`         VARCHAR(300),
  `case_id`      VARCHAR(20),
  `status`       VARCHAR(15),
  `timestamp`    TIMESTAMP        NULL DEFAULT NULL,
  `user_id`      INT(10) UNSIGNED,
  PRIMARY KEY (`id`),
  INDEX (`event_caseId`),
  FOREIGN KEY (`event_caseId`) REFERENCES `event_cases` (`id`)
    ON DELETE CASCADE
    ON UPDATE CASCADE,
  FOREIGN KEY (`user_id`) REFERENCES {uic}.`user` (`id`)
    ON DELETE CASCADE
    ON UPDATE CASCADE
)
  ENGINE = InnoDB
  DEFAULT CHARSET = utf8
  COLLATE = utf8_general_ci;
