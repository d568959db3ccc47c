-- Falcon addition: the tables Falcon adds are utf8mb4, so an IM chat id or webhook address with any character is
-- stored as given. 005 created action_im_group as utf8; the conversion is safe to run twice (a second run rebuilds
-- a table that is already utf8mb4), and the table holds a few rows per action.
ALTER TABLE `action_im_group` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
