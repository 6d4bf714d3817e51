-- V9 recreated users_announce for INSERT OR UPDATE OR DELETE to announce inserts, and so undid
-- V7's rule for users: a change of spend alone must not announce the row. Since then every
-- recorded call of a user's key announced 'user:<id>', which makes every instance scan its whole
-- cache and forget the user's keys (and the one spend writer waited for that scan on every batch).
-- Updates are announced by users_announce_update, which leaves spend-only changes out.
DROP TRIGGER users_announce ON users;
CREATE TRIGGER users_announce AFTER INSERT OR DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION keygate_announce_change('user', 'user_id');
