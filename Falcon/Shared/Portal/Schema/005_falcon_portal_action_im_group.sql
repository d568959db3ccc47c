-- Falcon addition: IM group chats bound to an action (falcon_portal.action), in addition to its teams (action.uic).
-- The fork kept one `lark_group_id` column on action and shipped no DDL for it; a table allows several chats per
-- action and leaves open-falcon's action table untouched. `chat` is a chat id or a bot webhook address, as the IM
-- channel understands it.
CREATE TABLE IF NOT EXISTS `action_im_group` (
  `id`        INT(10) UNSIGNED NOT NULL AUTO_INCREMENT,
  `action_id` INT(10) UNSIGNED NOT NULL,
  `chat`      VARCHAR(512)     NOT NULL,
  PRIMARY KEY (`id`),
  KEY `idx_action_im_group_action_id` (`action_id`)
)
  ENGINE = InnoDB
  DEFAULT CHARSET = utf8
  COLLATE = utf8_unicode_ci
  COMMENT = 'Falcon: IM group chats that receive the alarms of an action';
