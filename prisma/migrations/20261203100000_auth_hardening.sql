-- Up Migration
-- Auth hardening after an outside review.

-- An invitation counts the password checks of an existing account made through it that did not
-- succeed; after a few the application refuses it, so a tenant that invites someone's address
-- cannot use the invitation to guess their password.
ALTER TABLE auth.invitations ADD COLUMN failed_attempts integer NOT NULL DEFAULT 0;

-- Password hashes are out of the runtime role's direct reach: the migrate command
-- (src/infra/database/migrator.ts) grants it only the other columns of auth.users, after every
-- run. What the application needs goes through these two functions, owned by the migration role:
-- sign-in reads one account's hash by its email; a reset writes one, only with a valid reset
-- token, which it uses up in the same statement.
CREATE OR REPLACE FUNCTION auth.sign_in_credentials(p_email text)
RETURNS TABLE (id uuid, email text, name text, password_hash text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT u.id, u.email, u.name, u.password_hash FROM auth.users u WHERE u.email = p_email
$$;

CREATE OR REPLACE FUNCTION auth.reset_password(p_token_hash text, p_password_hash text) RETURNS uuid
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_user uuid;
BEGIN
  UPDATE auth.password_reset_tokens SET used_at = now()
   WHERE token_hash = p_token_hash AND used_at IS NULL AND expires_at > now()
   RETURNING user_id INTO v_user;
  IF v_user IS NOT NULL THEN
    UPDATE auth.users SET password_hash = p_password_hash, updated_at = now() WHERE id = v_user;
  END IF;
  RETURN v_user;
END
$$;

REVOKE EXECUTE ON FUNCTION auth.sign_in_credentials(text), auth.reset_password(text, text) FROM PUBLIC;
