-- Falcon addition: group-level aggregates computed by the aggregator role (open-falcon's `cluster` table is read
-- too, unchanged). A row names a target (a host group by name, an endpoint pattern or TSDB label matchers), a counter
-- `metric[/k=v,...]` and the methods to compute; the output endpoint and metric default to the fork's naming
-- (`<kind>_poly_<name>`, metric = the counter, tag method=<m>) when left NULL.
CREATE TABLE IF NOT EXISTS `falcon_aggregate` (
  `id`          INT UNSIGNED  NOT NULL AUTO_INCREMENT,
  `name`        VARCHAR(255)  NOT NULL,
  `target_kind` VARCHAR(32)   NOT NULL DEFAULT 'falcon_group',
  `target`      VARCHAR(4096) NOT NULL,
  `counter`     VARCHAR(512)  NOT NULL,
  `methods`     VARCHAR(255)  NOT NULL DEFAULT '',
  `endpoint`    VARCHAR(255)  NULL,
  `metric`      VARCHAR(255)  NULL,
  `tags`        VARCHAR(255)  NOT NULL DEFAULT '',
  `step`        INT           NOT NULL DEFAULT 60,
  `series_step` INT           NULL,
  `enabled`     TINYINT(1)    NOT NULL DEFAULT 1,
  `creator`     VARCHAR(64)   NOT NULL DEFAULT '',
  `last_update` TIMESTAMP     NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (`id`)
)
  ENGINE = InnoDB
  DEFAULT CHARSET = utf8mb4
  COLLATE = utf8mb4_unicode_ci
  COMMENT = 'Falcon: group-level aggregates (aggregator role)';
