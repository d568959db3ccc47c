-- Baseline of the open-falcon `uic` database (falcon-plus scripts/mysql/db_schema/1_uic-db-schema.sql).
-- Every statement is CREATE TABLE IF NOT EXISTS so that an existing open-falcon database keeps its
-- tables and rows; upstream's DROP TABLE, CREATE DATABASE and USE lines are left out on purpose
-- (the migrator creates the database and connects to it by the name in mysql.uic).
-- Collations are spelled out so the result does not depend on the server's defaults.

CREATE TABLE IF NOT EXISTS `team` (
  `id`      INT(10) UNSIGNED NOT NULL AUTO_INCREMENT,
  `name`    VARCHAR(64)      NOT NULL,
  `resume`  VARCHAR(255)     NOT NULL DEFAULT '',
  `creator` INT(10) UNSIGNED NOT NULL DEFAULT '0',
  `created` TIMESTAMP        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (`id`),
  UNIQUE KEY `idx_team_name` (`name`)
)
  ENGINE = InnoDB
  DEFAULT CHARSET = utf8
  COLLATE = utf8_general_ci;

-- role: -1 blocked, 0 normal, 1 admin, 2 root
CREATE TABLE IF NOT EXISTS `user` (
  `id`      INT(10) UNSIGNED NOT NULL AUTO_INCREMENT,
  `name`    VARCHAR(64)      NOT NULL,
  `passwd`  VARCHAR(64)      NOT NULL DEFAULT '',
  `cnname`  VARCHAR(128)     NOT NULL DEFAULT '',
  `email`   VARCHAR(255)     NOT NULL DEFAULT '',
  `phone`   VARCHAR(16)      NOT NULL DEFAULT '',
  `im`      VARCHAR(32)      NOT NULL DEFAULT '',
  `qq`      VARCHAR(16)      NOT NULL DEFAULT '',
  `role`    TINYINT          NOT NULL DEFAULT 0,
  `creator` INT(10) UNSIGNED NOT NULL DEFAULT 0,
  `created` TIMESTAMP        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (`id`),
  UNIQUE KEY `idx_user_name` (`name`)
)
  ENGINE = InnoDB
  DEFAULT CHARSET = utf8
  COLLATE = utf8_general_ci;

-- No unique key on (tid, uid): upstream has none, and adding one could fail on existing rows.
CREATE TABLE IF NOT EXISTS `rel_team_user` (
  `id`  INT(10) UNSIGNED NOT NULL AUTO_INCREMENT,
  `tid` INT(10) UNSIGNED NOT NULL,
  `uid` INT(10) UNSIGNED NOT NULL,
  PRIMARY KEY (`id`),
  KEY `idx_rel_tid` (`tid`),
  KEY `idx_rel_uid` (`uid`)
)
  ENGINE = InnoDB
  DEFAULT CHARSET = utf8
  COLLATE = utf8_general_ci;

CREATE TABLE IF NOT EXISTS `session` (
  `id`      INT(10) UNSIGNED NOT NULL AUTO_INCREMENT,
  `uid`     INT(10) UNSIGNED NOT NULL,
  `sig`     VARCHAR(32)      NOT NULL,
  `expired` INT(10) UNSIGNED NOT NULL,
  PRIMARY KEY (`id`),
  KEY `idx_session_uid` (`uid`),
  KEY `idx_session_sig` (`sig`)
)
  ENGINE = InnoDB
  DEFAULT CHARSET = utf8
  COLLATE = utf8_general_ci;
