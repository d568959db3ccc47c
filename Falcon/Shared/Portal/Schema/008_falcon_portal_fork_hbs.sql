-- The tables the ning1875 fork's hbs reads and never shipped DDL for, with the columns its queries use (and a key
-- each): service names per host group (Agent.SyncServiceNames), per-host collection intervals (Agent.DynamicMonitoring)
-- and combined alarms (Hbs.GetUnionStrategies, Hbs.GetOneUnionStrategies). A fork database that already has them
-- keeps its own definitions: every statement only adds what is missing.
CREATE TABLE IF NOT EXISTS `grp_svs` (
  `id`       INT(10) UNSIGNED NOT NULL AUTO_INCREMENT,
  `grp_id`   INT(10) UNSIGNED NOT NULL,
  `svs_name` VARCHAR(255)     NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uk_grp_svs_grp_id_svs_name` (`grp_id`, `svs_name`)
)
  ENGINE = InnoDB
  DEFAULT CHARSET = utf8mb4
  COLLATE = utf8mb4_unicode_ci
  COMMENT = 'fork: service names of the hosts of a group, sent to agents by Agent.SyncServiceNames';

CREATE TABLE IF NOT EXISTS `dynamic_config` (
  `id`        INT(10) UNSIGNED NOT NULL AUTO_INCREMENT,
  `endpoint`  VARCHAR(255)     NOT NULL,
  `metrics`   VARCHAR(255)     NOT NULL,
  `tag`       VARCHAR(255)     NOT NULL DEFAULT '',
  `intervals` INT(11)          NOT NULL DEFAULT 60 COMMENT 'seconds',
  `status`    TINYINT(4)       NOT NULL DEFAULT 1 COMMENT '1 = enabled',
  PRIMARY KEY (`id`),
  KEY `idx_dynamic_config_endpoint` (`endpoint`)
)
  ENGINE = InnoDB
  DEFAULT CHARSET = utf8mb4
  COLLATE = utf8mb4_unicode_ci
  COMMENT = 'fork: per-host collection interval of a metric, sent to agents by Agent.DynamicMonitoring';

CREATE TABLE IF NOT EXISTS `union_strategy` (
  `id`           INT(10) UNSIGNED NOT NULL AUTO_INCREMENT,
  `strategy_ids` VARCHAR(1024)    NOT NULL DEFAULT '' COMMENT 'comma-separated strategy ids',
  PRIMARY KEY (`id`)
)
  ENGINE = InnoDB
  DEFAULT CHARSET = utf8mb4
  COLLATE = utf8mb4_unicode_ci
  COMMENT = 'fork: combined alarms over several strategies';

ALTER TABLE `strategy` ADD COLUMN IF NOT EXISTS `union_strategy_id` INT(10) UNSIGNED NOT NULL DEFAULT 0;
