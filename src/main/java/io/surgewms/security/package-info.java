/**
 * Who may do what: users with roles (ADMIN, SUPERVISOR, PICKER, PACKER, SHOP), sign-in by password
 * or badge + PIN into a server-side session, API keys for channels and scripts, shop confinement for
 * sellers' users and keys, and the audit log. Every endpoint names its roles; what names none is denied.
 */
package io.surgewms.security;
