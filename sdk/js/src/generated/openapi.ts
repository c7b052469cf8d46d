// Generated from Carcosa's OpenAPI document by scripts/gen-types.mjs. Do not edit:
// run `npm run gen:types` after changing the API (CI checks this file is current).

export interface paths {
    "/docs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Interactive API reference (redirect)
         * @description Redirects to `/docs/`, so the page's relative asset paths resolve under `/docs/`.
         */
        get: operations["docs_redirect"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/docs/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Interactive API reference
         * @description Swagger UI over `/openapi.json`, served from the binary: it works with no internet.
         */
        get: operations["docs_index"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/docs/{file}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A file of the API reference
         * @description Scripts and styles of the reference page.
         */
        get: operations["docs_asset"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness
         * @description Answers while the process runs. No authentication.
         */
        get: operations["healthz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics
         * @description The Prometheus text exposition of this process (request, upload, queue and rate-limit series; see `deploy/README.md`). Unauthenticated: expose it only to your scraper.
         */
        get: operations["render"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * This OpenAPI 3.1 document
         * @description The document the SDK's types are generated from. No authentication.
         */
        get: operations["openapi_json"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness
         * @description 200 when the database answers, `503 unavailable` otherwise. No authentication.
         */
        get: operations["readyz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in
         * @description Checks the password and opens a session (a new token every time). Limited per address and per account (`auth.login_per_15min`).
         */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign out
         * @description Ends this session and clears the cookie.
         */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The signed-in user
         * @description The user and their organizations with roles.
         */
        get: operations["get_me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change password
         * @description Needs the current password; ends every other session.
         */
        post: operations["change_password"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List sessions
         * @description The caller's live sessions; `current` marks this one.
         */
        get: operations["list_sessions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke a session
         * @description Signs one of the caller's sessions out.
         */
        delete: operations["delete_session"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/signup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign up
         * @description Creates an account under the server's `auth.signup` policy (`invite`, `open` or `closed`; the first user always may) and signs it in. Passwords: at least 10 characters, not a common one, not the email.
         */
        post: operations["signup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List files
         * @description Newest first, `limit` per page (1–100, default 20); pass `next_cursor` back as `cursor` for the next page.
         */
        get: operations["list_files"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/files/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a file
         * @description The file with its stored variants.
         */
        get: operations["get_file"];
        put?: never;
        post?: never;
        /**
         * Delete a file
         * @description The file is gone at once; its object and variants are removed from the bucket by a job.
         */
        delete: operations["delete_file"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/files/{id}/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download URL
         * @description A short-lived presigned `GET` of the original, served as an attachment.
         */
        get: operations["download_file"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/files/{id}/transform-url": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mint a signed transform URL
         * @description A signed URL for a preset (`{"preset": "thumb"}`) or for transform parameters (`{"w": 400, "format": "auto"}`). Needs `transforms:execute` and `files:read`: a signed URL shows the image to whoever holds it.
         */
        post: operations["mint_url"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept an invitation
         * @description Joins the invitation's organization (and team) as the signed-in user; the invitation must be for this user's email, unexpired and unused.
         */
        post: operations["accept_invitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List my organizations
         * @description The signed-in user's organizations with their role in each.
         */
        get: operations["list_orgs"];
        put?: never;
        /**
         * Create an organization
         * @description The caller becomes its owner.
         */
        post: operations["create_org"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an organization
         * @description Any member sees it; others get 404.
         */
        get: operations["get_org"];
        put?: never;
        post?: never;
        /**
         * Delete an organization
         * @description Owners only, and only once it has no teams.
         */
        delete: operations["delete_org"];
        options?: never;
        head?: never;
        /**
         * Rename an organization
         * @description Owners and admins.
         */
        patch: operations["update_org"];
        trace?: never;
    };
    "/v1/orgs/{org}/audit-logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List audit events
         * @description Newest first, filtered by actor, action (or a prefix ending in `.`), target and time; keyset pages of `limit` (1–500).
         */
        get: operations["list_audit_logs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/audit-logs/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export audit events
         * @description Every matching event as NDJSON, streamed, newest first. The export is itself audited.
         */
        get: operations["export_audit_logs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List invitations
         * @description Open and past invitations (never their tokens).
         */
        get: operations["list_invitations"];
        put?: never;
        /**
         * Invite someone
         * @description A single-use token for one email, with an organization role and optionally a team; the token is in this answer only.
         */
        post: operations["create_invitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/invitations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an invitation
         * @description An open invitation stops working.
         */
        delete: operations["revoke_invitation"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List members
         * @description Every member with their role.
         */
        get: operations["list_members"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/members/{user}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a member
         * @description Owners and admins remove anyone but the last owner; any member may remove themselves.
         */
        delete: operations["remove_member"];
        options?: never;
        head?: never;
        /**
         * Change a member's role
         * @description Owners and admins; only owners make or unmake owners, and the last owner stays one.
         */
        patch: operations["set_member_role"];
        trace?: never;
    };
    "/v1/orgs/{org}/members/{user}/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reset a member's password
         * @description Owners only (there is no mail server). Ends all the member's sessions.
         */
        post: operations["reset_member_password"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/teams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List teams
         * @description The organization's teams.
         */
        get: operations["list_teams"];
        put?: never;
        /**
         * Create a team
         * @description Organization owners and admins; the creator becomes the team's admin.
         */
        post: operations["create_team"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/teams/{team}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a team
         * @description A team of the organization.
         */
        get: operations["get_team"];
        put?: never;
        post?: never;
        /**
         * Delete a team
         * @description Organization owners and admins, once the team holds no projects or buckets.
         */
        delete: operations["delete_team"];
        options?: never;
        head?: never;
        /**
         * Rename a team
         * @description Team admins.
         */
        patch: operations["update_team"];
        trace?: never;
    };
    "/v1/orgs/{org}/teams/{team}/buckets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List buckets
         * @description Buckets the team owns or was granted, with its access; never credentials.
         */
        get: operations["list_buckets"];
        put?: never;
        /**
         * Connect a bucket
         * @description Probes the bucket for real (head, write, read, delete) and stores the sealed credentials only if every check passes; with `cors_origins`, also checks CORS for browser uploads and answers the exact rule to add.
         */
        post: operations["connect_bucket"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/teams/{team}/buckets/{bucket}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a bucket
         * @description With its grants when the team manages it.
         */
        get: operations["get_bucket"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/teams/{team}/buckets/{bucket}/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check a bucket
         * @description Runs the connection checks again (and CORS for `cors_origins`); changes nothing.
         */
        post: operations["check_bucket"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/teams/{team}/buckets/{bucket}/credentials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Rotate bucket credentials
         * @description Probes the new pair, then swaps it in; every API and worker process picks it up.
         */
        put: operations["rotate_credentials"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/teams/{team}/buckets/{bucket}/grants/{grantee}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Share a bucket
         * @description Grants another team of the organization `read-only`, `read-write` or `admin` access.
         */
        put: operations["put_grant"];
        post?: never;
        /**
         * Stop sharing a bucket
         * @description Presigns and completions of the grantee's projects stop at once (`403 bucket_access_revoked`); their files stay readable.
         */
        delete: operations["delete_grant"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/teams/{team}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List team members
         * @description The team's members with their team role.
         */
        get: operations["list_team_members"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/teams/{team}/members/{user}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Add or change a team member
         * @description Adds an organization member to the team, or changes their team role. Team admins.
         */
        put: operations["put_team_member"];
        post?: never;
        /**
         * Remove a team member
         * @description Team admins.
         */
        delete: operations["remove_team_member"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{org}/teams/{team}/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List projects
         * @description The team's live projects.
         */
        get: operations["list_projects"];
        put?: never;
        /**
         * Create a project
         * @description On a bucket the team owns or may write to; defaults: 20 MiB uploads of `image/*`.
         */
        post: operations["create_project"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a project
         * @description The project with its settings, quotas and transform policy.
         */
        get: operations["get_project"];
        put?: never;
        post?: never;
        /**
         * Delete a project
         * @description Soft delete: its keys stop working at once; files stay in the bucket. Refused while uploads are in flight.
         */
        delete: operations["delete_project"];
        options?: never;
        head?: never;
        /**
         * Change project settings
         * @description Any subset of the settings, validated together; the audit log records the diff.
         */
        patch: operations["update_project"];
        trace?: never;
    };
    "/v1/projects/{project}/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List API keys
         * @description The project's keys with their permissions and last use; never a secret.
         */
        get: operations["list_keys"];
        put?: never;
        /**
         * Create an API key
         * @description The token is in this answer only. A caller grants only permissions it holds itself (`permission_ceiling`).
         */
        post: operations["create_key"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project}/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key
         * @description The key stops working at once, on every API process, and its WebSockets close.
         */
        delete: operations["revoke_key"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project}/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List tenants
         * @description The project's tenants.
         */
        get: operations["list_tenants"];
        put?: never;
        /**
         * Create a tenant
         * @description A tenant API callers name with `tenant`.
         */
        post: operations["create_tenant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project}/tenants/{tenant}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a tenant
         * @description Soft when files point at it.
         */
        delete: operations["delete_tenant"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project}/transform-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate the transform secret
         * @description A new URL-signing secret: every signed transform URL minted before stops working.
         */
        post: operations["rotate_transform_secret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project}/upload-routes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List upload routes
         * @description The project's named upload routes with their rules.
         */
        get: operations["list_routes"];
        /**
         * Sync upload routes
         * @description Makes the project's routes exactly the given set (added, changed, removed) in one \
         *                        transaction, and says what differed. With `dry_run` nothing changes: `carcosa routes push` \
         *                        and the SDK's `syncRoutes()` show this difference before applying it.
         */
        put: operations["sync_routes"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project}/upload-routes/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Create or replace an upload route
         * @description One route's rules: accepted types, largest file, files per request, presets, tenant \
         *                        required, metadata schema (a JSON Schema subset: an object of string/integer/number/boolean \
         *                        properties with bounds, `enum`, `required`, `additionalProperties`).
         */
        put: operations["put_route"];
        post?: never;
        /**
         * Delete an upload route
         * @description Presigns naming it are refused from now on; its uploads in flight get the project's presets.
         */
        delete: operations["delete_route"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project}/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List webhook endpoints
         * @description The project's endpoints (never their secrets), with why Carcosa switched one off if it did.
         */
        get: operations["list_webhooks"];
        put?: never;
        /**
         * Create a webhook endpoint
         * @description Deliveries of the named event types (`upload.ready`, `upload.failed`, `upload.expired`, `file.deleted`) are POSTed to the URL, signed per Standard Webhooks with the `whsec_` secret returned here — once: store it. URLs that resolve to private, loopback or link-local addresses are refused (unless the operator allows them).
         */
        post: operations["create_webhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project}/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a webhook endpoint
         * @description One endpoint (without its secret).
         */
        get: operations["get_webhook"];
        put?: never;
        post?: never;
        /**
         * Delete a webhook endpoint
         * @description The endpoint and its delivery log; deliveries in flight stop.
         */
        delete: operations["delete_webhook"];
        options?: never;
        head?: never;
        /**
         * Change a webhook endpoint
         * @description URL, events, description, on/off. Turning an endpoint Carcosa switched off back on clears the reason; deliveries it missed can be replayed.
         */
        patch: operations["update_webhook"];
        trace?: never;
    };
    "/v1/projects/{project}/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List deliveries
         * @description The endpoint's deliveries, newest first: status, attempts, the last answer and when the next attempt is due.
         */
        get: operations["list_deliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project}/webhooks/{id}/deliveries/{delivery}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a delivery
         * @description One delivery with every attempt: when, the status code, latency and the first 1 KiB of the answer, or why no answer came.
         */
        get: operations["get_delivery"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project}/webhooks/{id}/deliveries/{delivery}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replay a delivery
         * @description Sends the delivery again, with the same `webhook-id` (receivers that saw it drop it), on a fresh retry schedule. The endpoint must be switched on.
         */
        post: operations["replay_delivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project}/webhooks/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate a webhook secret
         * @description A new `whsec_` secret, returned once. For `webhooks.secret_grace_hours` (24 h) deliveries carry two signatures, the new secret's and the old one's, so receivers can switch without missing a delivery.
         */
        post: operations["rotate_secret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project}/webhooks/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a test delivery
         * @description Queues a `webhook.test` delivery to the endpoint (even a switched-off one), signed and retried like any other; its attempts show in the delivery log.
         */
        post: operations["test_webhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/realtime/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mint a realtime token
         * @description A short-lived token a browser passes to `GET /v1/ws?token=…`, scoped to the project, one tenant or one upload; it never outlives the key that minted it. Mint it on your server: the API key never reaches the browser.
         */
        post: operations["mint_token"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/transform/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Transform an image
         * @description Resizes and re-encodes an image file on demand. The URL must carry a signature minted by `POST /v1/files/{id}/transform-url`; equivalent query strings share one signature and one stored variant. A variant being made answers `503 transform_pending` with `Retry-After`.
         */
        get: operations["transform_by_query"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/transform/{id}/{preset}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A preset of an image
         * @description The project's named preset of an image file; signed unless the project made its presets public.
         */
        get: operations["transform_by_preset"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/uploads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Presign an upload
         * @description Checks the project's rules (size, type, filename, tenant, quota) and answers with a presigned `PUT` to the bucket. Send the bytes with exactly `upload.method`, `upload.url` and `upload.headers`, then call `POST /v1/uploads/{id}/complete`. With an `Idempotency-Key` header a retry of the same request returns the same upload (200).
         */
        post: operations["create_upload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/uploads/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an upload
         * @description The upload's state: `pending`, `verifying`, `processing`, `ready` (with `file_id`), `failed` (with `failure_reason`) or `expired`.
         */
        get: operations["get_upload"];
        put?: never;
        post?: never;
        /**
         * Abort an upload
         * @description Abandons a pending upload (single PUT or multipart): it ends `failed` with `aborted`, a multipart upload is aborted in the bucket (its parts freed) and anything already sent is deleted. A completed upload cannot be aborted: delete its file instead.
         */
        delete: operations["abort_upload"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/uploads/{id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Complete an upload
         * @description Call after the `PUT` succeeded (or, for a multipart upload, after every part did). The first call moves the upload to `verifying` and queues verification; later calls change nothing and report the state. A multipart upload is first completed in the bucket: every part must be there (else 409 `parts_missing`, nothing changes) and of its exact size (else the upload fails `size_mismatch` and is aborted). Follow the upload with `GET /v1/uploads/{id}` or live over `GET /v1/ws`.
         */
        post: operations["complete_upload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/uploads/{id}/parts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Presign upload parts
         * @description Presigned `UploadPart` requests for parts `from` … `from + count − 1` of a multipart upload (at most 1000 per call). Each signs the part's exact length; `PUT` the part's bytes and keep the `ETag` of the answer. URLs live for the server's upload URL lifetime (or until the upload expires); ask again for fresh ones at any time.
         */
        get: operations["part_urls"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/uploads/{id}/parts/uploaded": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List uploaded parts
         * @description The parts of a multipart upload the bucket already holds, with their sizes and ETags (every page of S3's ListParts). A client resuming after a reload or a dropped connection uploads only the parts missing here.
         */
        get: operations["uploaded_parts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/uploads/from-url": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import a file from a URL
         * @description A worker fetches the URL straight into the bucket (streamed, stopped at the size limit, redirects followed and each one checked, within `ingest.timeout_secs`), then verifies it like any upload. Follow it like any upload; a source that cannot be fetched ends it `failed` with `fetch_failed` and `failure_detail` in words. URLs whose host is or resolves to a private, loopback, link-local (cloud metadata) or otherwise special address are refused.
         */
        post: operations["import_from_url"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Usage and quotas
         * @description Daily counters over a range (default the last 30 days, at most 366), their totals, what is stored now, and the project's quotas. Live: includes events not yet rolled up.
         */
        get: operations["get_usage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ws": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Live upload status (WebSocket)
         * @description Upgrade to a WebSocket with `?token=` (a realtime token) or an API key header. Send `{"op": "subscribe", "channel": "upload:<id>"}` (or `tenant:<slug>`, `project`); the server answers `{"type": "subscribed"}`, then the channel's current state and every later event (schema `Event`: `upload.pending`, `upload.verifying`, `upload.processing`, `upload.ready`, `upload.failed`, `upload.expired`, `file.deleted`), each upload's events at most once and in `seq` order. Close 4401 when the token or key stops being valid.
         */
        get: operations["connect"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description Body of `POST /v1/invitations/accept`. */
        AcceptInvitation: {
            /** @description The invitation token. */
            token: string;
        };
        /** @enum {string} */
        ActorKind: "user" | "api_key" | "system" | "cli";
        /** Format: uuid */
        ApiKeyId: string;
        /** @description A key as listings show it (never the secret or its hash). */
        ApiKeySummary: {
            /**
             * Format: date-time
             * @description Creation time.
             */
            created_at: string;
            /**
             * Format: date-time
             * @description Expiry.
             */
            expires_at?: string | null;
            /** @description Id. */
            id: components["schemas"]["ApiKeyId"];
            /**
             * Format: date-time
             * @description Last use.
             */
            last_used_at?: string | null;
            /** @description Label. */
            name: string;
            /** @description Permission names. */
            permissions: string[];
            /** @description Public prefix (`ck_…`). */
            prefix: string;
            /** @description Owning project. */
            project_id: components["schemas"]["ProjectId"];
            /**
             * Format: date-time
             * @description Revocation time.
             */
            revoked_at?: string | null;
        };
        /** @description One attempt as its owners see it. */
        Attempt: {
            /**
             * Format: int32
             * @description 1, 2, … over every series.
             */
            attempt: number;
            /** @description What went wrong, in words. */
            error?: string | null;
            /**
             * Format: int32
             * @description Milliseconds until the answer (or the failure).
             */
            latency_ms: number;
            /** @description The first 1 KiB of the answer. */
            response_excerpt?: string | null;
            /**
             * Format: date-time
             * @description When it started.
             */
            started_at: string;
            /**
             * Format: int32
             * @description The answer's status (none: no answer came).
             */
            status_code?: number | null;
        };
        /** @description A page. */
        AuditPage: {
            /** @description Rows, newest first. */
            data: components["schemas"]["AuditRow"][];
            /** @description Pass as `cursor` for the next page; absent on the last. */
            next_cursor?: string | null;
        };
        /** @description One audit row as the API returns it. */
        AuditRow: {
            /** @description Dotted action. */
            action: string;
            /** @description Actor id. */
            actor_id: string;
            /** @description Actor label. */
            actor_label: string;
            /** @description Actor kind. */
            actor_type: components["schemas"]["ActorKind"];
            /**
             * Format: date-time
             * @description When it happened.
             */
            at: string;
            /** @description Before/after. */
            diff?: unknown;
            /**
             * Format: int64
             * @description Row id (ascending with insertion).
             */
            id: number;
            /** @description Client address. */
            ip?: string | null;
            /** @description Other details. */
            metadata: unknown;
            /**
             * Format: uuid
             * @description Organization.
             */
            organization_id?: string | null;
            /** @description Outcome. */
            outcome: components["schemas"]["Outcome"];
            /**
             * Format: uuid
             * @description Project.
             */
            project_id?: string | null;
            /** @description Request id. */
            request_id?: string | null;
            /** @description Target id. */
            target_id: string;
            /** @description Target name. */
            target_name?: string | null;
            /** @description Target kind. */
            target_type: string;
            /**
             * Format: uuid
             * @description Team.
             */
            team_id?: string | null;
            /** @description Client user agent. */
            user_agent?: string | null;
        };
        /** Format: uuid */
        BucketId: string;
        /** @description What listings show about a bucket. */
        BucketSummary: {
            /** @description Provider-side bucket name. */
            bucket_name: string;
            /** @description Custom endpoint. */
            endpoint?: string | null;
            /** @description Path-style addressing. */
            force_path_style: boolean;
            /** @description Id. */
            id: components["schemas"]["BucketId"];
            /** @description Name within the organization. */
            name: string;
            /** @description Provider label. */
            provider: string;
            /** @description Signing region. */
            region: string;
            /** @description Validation status. */
            status: string;
            /**
             * Format: date-time
             * @description Last successful probe.
             */
            validated_at?: string | null;
        };
        /** @description A bucket as a team sees it. */
        BucketView: components["schemas"]["BucketSummary"] & {
            /** @description What the acting team may do with it. */
            access: components["schemas"]["Grant"];
            /** @description Teams it is shared with (shown to teams that manage it). */
            grants?: components["schemas"]["TeamGrant"][] | null;
        };
        /** @description Body of `POST …/check`. */
        CheckBucket: {
            /** @description Origins browsers will upload from. */
            cors_origins?: string[];
        };
        /** @description What a bucket check found. */
        Checks: {
            /**
             * @description Whether browsers on the given origins can upload (and read part ETags, which multipart
             *     uploads need), and what to add if not.
             */
            cors: components["schemas"]["Report"];
            /**
             * @description Whether the bucket itself aborts abandoned multipart uploads (a lifecycle rule). Carcosa's
             *     sweep aborts the ones it started either way; the rule is the safety net.
             */
            lifecycle: components["schemas"]["LifecycleReport"];
            /** @description The probe (HEAD the bucket, write, read back and delete an object) passed. */
            probe: boolean;
        };
        /** @description A part the client uploaded, as it reports it to `complete`. */
        CompletedPartRef: {
            /** @description The `ETag` the bucket answered the part's `PUT` with (quotes optional). */
            etag: string;
            /**
             * Format: int32
             * @description Part number.
             */
            part_number: number;
        };
        /**
         * @description Body of `POST /v1/uploads/{id}/complete` (multipart uploads; optional).
         * @example {
         *       "parts": [
         *         {
         *           "etag": "\"9b2cf535f27731c974343645a3985328\"",
         *           "part_number": 1
         *         }
         *       ]
         *     }
         */
        CompleteUploadRequest: {
            /**
             * @description The parts as the client uploaded them, with the ETag each `PUT` answered. Checked against
             *     what the bucket holds; the bucket's list is what completes the upload.
             */
            parts?: components["schemas"]["CompletedPartRef"][] | null;
        };
        /**
         * @description Body of `POST …/buckets`.
         * @example {
         *       "access_key": "AKIA…",
         *       "bucket_name": "acme-media",
         *       "cors_origins": [
         *         "https://app.example.com"
         *       ],
         *       "name": "main",
         *       "provider": "s3",
         *       "region": "eu-west-1",
         *       "secret_key": "…"
         *     }
         */
        ConnectBucket: {
            /** @description Access key id. */
            access_key: string;
            /** @description The bucket's name at the provider. */
            bucket_name: string;
            /** @description Origins browsers will upload from (checked against the bucket's CORS rules). */
            cors_origins?: string[];
            /** @description Custom endpoint (R2, MinIO, …); absent for AWS. */
            endpoint?: string | null;
            /** @description Path-style addressing (most self-hosted stores). */
            force_path_style?: boolean;
            /** @description Carcosa-side name, unique in the organization. */
            name: string;
            /** @description `s3`, `r2`, `minio`, `other`. */
            provider: string;
            /** @description Signing region (default `us-east-1`; `auto` for R2). */
            region?: string | null;
            /** @description Secret access key. */
            secret_key: string;
        };
        /** @description A bucket just connected, with what the checks found. */
        Connected: components["schemas"]["BucketView"] & {
            /** @description Probe and CORS results. */
            checks: components["schemas"]["Checks"];
        };
        /** @description Counters of one day, or of the whole range. */
        Counters: {
            /**
             * Format: int64
             * @description Bytes freed by deletes.
             */
            deleted_bytes: number;
            /**
             * Format: int64
             * @description Files deleted.
             */
            deletes: number;
            /**
             * Format: int64
             * @description Download URLs issued.
             */
            downloads: number;
            /**
             * Format: int64
             * @description On-demand transforms made (also counted in `variants`).
             */
            transforms: number;
            /**
             * Format: int64
             * @description Bytes of verified uploads.
             */
            upload_bytes: number;
            /**
             * Format: int64
             * @description Uploads verified.
             */
            uploads: number;
            /**
             * Format: int64
             * @description Bytes of variants.
             */
            variant_bytes: number;
            /**
             * Format: int64
             * @description Variants made (presets and on-demand transforms).
             */
            variants: number;
        };
        /**
         * @description A new endpoint.
         * @example {
         *       "description": "thumbnails into our CMS",
         *       "events": [
         *         "upload.ready",
         *         "upload.failed"
         *       ],
         *       "url": "https://api.example.com/hooks/carcosa"
         *     }
         */
        CreateEndpoint: {
            /** @description What it is for. */
            description?: string | null;
            /** @description Whether deliveries are made (default true). */
            enabled?: boolean | null;
            /** @description Event types: `upload.ready`, `upload.failed`, `upload.expired`, `file.deleted`. */
            events: string[];
            /** @description `https://…` (or `http://` for development): where deliveries are POSTed. */
            url: string;
        };
        /** @description Body of `POST /v1/orgs/{org}/invitations`. */
        CreateInvitation: {
            /** @description Who may accept it. */
            email: string;
            /** @description Organization role on acceptance (`admin`, `member` or `viewer`). */
            role: components["schemas"]["OrgRole"];
            /** @description A team (id or slug) to join too. */
            team?: string | null;
            team_role?: components["schemas"]["TeamRole"] | null;
        };
        /**
         * @description Body of `POST /v1/projects/{project}/api-keys`.
         * @example {
         *       "name": "web server",
         *       "permissions": [
         *         "files:read",
         *         "files:write",
         *         "transforms:execute"
         *       ]
         *     }
         */
        CreateKey: {
            /**
             * Format: date-time
             * @description Optional expiry (RFC 3339).
             */
            expires_at?: string | null;
            /** @description A label. */
            name: string;
            /** @description Permission names (`files:write`, …). */
            permissions: string[];
        };
        /** @description Body of `POST /v1/orgs` and `POST /v1/orgs/{org}/teams`. */
        CreateNamed: {
            /** @description Display name. */
            name: string;
            /** @description URL name: lowercase letters, digits, '-'. */
            slug: string;
        };
        /**
         * @description Body of `POST /v1/orgs/{org}/teams/{team}/projects`.
         * @example {
         *       "allowed_content_types": [
         *         "image/*"
         *       ],
         *       "bucket": "main",
         *       "max_upload_bytes": 20971520,
         *       "name": "Web app",
         *       "slug": "web"
         *     }
         */
        CreateProject: {
            /** @description Allowed content types (default `image/*`). */
            allowed_content_types?: string[] | null;
            /** @description Bucket (id or name) the team owns or may write to. */
            bucket: string;
            /**
             * Format: int64
             * @description Largest accepted upload (default 20 MiB).
             */
            max_upload_bytes?: number | null;
            /** @description Display name. */
            name: string;
            /** @description URL name, unique in the team. */
            slug: string;
        };
        /** @description Body of `POST /v1/projects/{project}/tenants`. */
        CreateTenant: {
            /** @description Display name. */
            name?: string;
            /** @description What API callers pass as `tenant`. */
            slug: string;
        };
        /**
         * @description Body of `POST /v1/uploads`.
         * @example {
         *       "content_type": "image/jpeg",
         *       "filename": "cat.jpg",
         *       "metadata": {
         *         "album": "summer"
         *       },
         *       "route": "avatar",
         *       "size": 482113,
         *       "tenant": "acme"
         *     }
         */
        CreateUploadRequest: {
            /** @description Declared MIME type; the client must PUT with exactly this type. */
            content_type: string;
            /**
             * Format: int64
             * @description URL lifetime in seconds (default from config or project; capped).
             */
            expires_in?: number | null;
            /** @description The file's name as the user knows it. */
            filename: string;
            /** @description Arbitrary JSON object stored with the upload and the file. */
            metadata?: unknown;
            /**
             * @description `true`: a resumable multipart upload (parts from `GET /v1/uploads/{id}/parts`). Default:
             *     multipart at or above the project's `multipart_threshold_bytes` (64 MiB unless changed),
             *     and always over 5 GiB; `false` asks for a single PUT below 5 GiB.
             */
            multipart?: boolean | null;
            /**
             * @description A named upload route of the project (`avatar`): its rules apply on top of the project's,
             *     its presets are the ones made, and its metadata schema is checked.
             */
            route?: string | null;
            /**
             * Format: int64
             * @description Exact size in bytes; the client must PUT exactly this many.
             */
            size: number;
            /** @description Tenant slug (must exist in the project). */
            tenant?: string | null;
        };
        /** @description One day of the series. */
        Day: components["schemas"]["Counters"] & {
            /**
             * Format: date
             * @description UTC day.
             */
            day: string;
        };
        /** @description A delivery as its owners see it. */
        Delivery: {
            /**
             * Format: int32
             * @description Attempts so far (every series).
             */
            attempts: number;
            /**
             * Format: date-time
             * @description Created.
             */
            created_at: string;
            /**
             * Format: date-time
             * @description When a 2xx came back.
             */
            delivered_at?: string | null;
            /** @description The endpoint. */
            endpoint_id: components["schemas"]["WebhookId"];
            /** @description Id; the `webhook-id` header is `msg_` and this id without dashes. */
            id: components["schemas"]["DeliveryId"];
            /** @description What went wrong last. */
            last_error?: string | null;
            /**
             * Format: int32
             * @description Status of the last answer.
             */
            last_status?: number | null;
            /**
             * Format: date-time
             * @description When the next attempt is due.
             */
            next_attempt_at?: string | null;
            /** @description The body sent. */
            payload: Record<string, never>;
            /** @description `pending` (being delivered or waiting for a retry), `delivered` or `failed` (given up). */
            status: string;
            /** @description Event type. */
            type: string;
        };
        /** @description A delivery with its attempts. */
        DeliveryDetail: components["schemas"]["Delivery"] & {
            /** @description Every attempt, first first. */
            attempts_log: components["schemas"]["Attempt"][];
        };
        /** Format: uuid */
        DeliveryId: string;
        /** @description One page of deliveries. */
        DeliveryPage: {
            /** @description Newest first. */
            data: components["schemas"]["Delivery"][];
            next_cursor?: components["schemas"]["DeliveryId"] | null;
        };
        /** @description `GET /v1/files/{id}/download` answer. */
        DownloadResponse: {
            /**
             * Format: date-time
             * @description When the URL stops working.
             */
            expires_at: string;
            /** @description Always `GET`. */
            method: string;
            /** @description Presigned GET URL. */
            url: string;
        };
        /** @description An endpoint as its owners see it (never its secret). */
        Endpoint: {
            /**
             * Format: date-time
             * @description Created.
             */
            created_at: string;
            /** @description What it is for. */
            description: string;
            /**
             * Format: date-time
             * @description When it was switched off.
             */
            disabled_at?: string | null;
            /** @description Why Carcosa switched it off (`410 Gone`, failing for days). */
            disabled_reason?: string | null;
            /** @description Whether deliveries are made. */
            enabled: boolean;
            /** @description Subscribed event types. */
            events: string[];
            /**
             * Format: date-time
             * @description First failed delivery since the last success.
             */
            failing_since?: string | null;
            /** @description Id. */
            id: components["schemas"]["WebhookId"];
            /**
             * Format: date-time
             * @description Until when the previous secret still signs deliveries (after a rotation).
             */
            previous_secret_expires_at?: string | null;
            /** @description The project. */
            project_id: components["schemas"]["ProjectId"];
            /**
             * Format: date-time
             * @description Last changed.
             */
            updated_at: string;
            /** @description Where deliveries are POSTed. */
            url: string;
        };
        /**
         * @description A change to an endpoint; absent fields stay as they are.
         * @example {
         *       "enabled": true
         *     }
         */
        EndpointPatch: {
            /** @description New description. */
            description?: string | null;
            /** @description On or off (turning it on clears why Carcosa switched it off). */
            enabled?: boolean | null;
            /** @description New event types. */
            events?: string[] | null;
            /** @description New URL. */
            url?: string | null;
        };
        /** @description An endpoint with its secret (only when created or rotated). */
        EndpointWithSecret: components["schemas"]["Endpoint"] & {
            /** @description `whsec_…`: verify deliveries with it. Shown once; rotate to get a new one. */
            secret: string;
        };
        /** @description The error envelope every 4xx and 5xx answer carries. */
        ErrorBody: {
            /** @description The error. */
            error: components["schemas"]["ErrorDetail"];
        };
        /** @description What went wrong. */
        ErrorDetail: {
            /** @description Stable snake_case code clients branch on (`upload_too_large`, `not_found`, …). */
            code: string;
            /** @description The offending field of a `validation_failed` (or another 400), when there is one. */
            field?: string | null;
            /**
             * Format: int64
             * @description `quota_exceeded` only: the quota's limit.
             */
            limit?: number | null;
            /** @description What happened and what to do, in words; may change between versions. */
            message: string;
            /** @description `quota_exceeded` only: which quota (`max_stored_bytes`, `max_files`, `max_transforms_per_month`). */
            quota?: string | null;
            /**
             * Format: int64
             * @description `quota_exceeded` only: what is used.
             */
            used?: number | null;
        };
        /** @description One event. */
        Event: components["schemas"]["EventKind"] & {
            /**
             * Format: date-time
             * @description When it happened.
             */
            at: string;
            /**
             * Format: uuid
             * @description Unique id (UUIDv7).
             */
            id: string;
            /** @description Project. */
            project: components["schemas"]["ProjectId"];
            /**
             * Format: int32
             * @description Per-upload sequence number.
             */
            seq: number;
            tenant?: components["schemas"]["TenantId"] | null;
            /** @description The upload. */
            upload_id: components["schemas"]["UploadId"];
        };
        /** @description What happened, tagged by `type`. */
        EventKind: {
            /** @enum {string} */
            type: "upload.pending";
        } | {
            /** @enum {string} */
            type: "upload.verifying";
        } | {
            /**
             * Format: int32
             * @description Units done.
             */
            done: number;
            /** @description Which step. */
            step: string;
            /**
             * Format: int32
             * @description Units in all.
             */
            total: number;
            /** @enum {string} */
            type: "upload.processing";
        } | {
            /** @description The file. */
            file_id: components["schemas"]["FileId"];
            /** @enum {string} */
            type: "upload.ready";
            /** @description Its variants. */
            variants: components["schemas"]["EventVariant"][];
        } | {
            /** @description `type_mismatch`, `corrupt_image`, … */
            reason: components["schemas"]["FailureReason"];
            /** @enum {string} */
            type: "upload.failed";
        } | {
            /** @enum {string} */
            type: "upload.expired";
        } | {
            /** @description The file. */
            file_id: components["schemas"]["FileId"];
            /** @enum {string} */
            type: "file.deleted";
        };
        /** @description A variant as events show it. */
        EventVariant: {
            /**
             * Format: int32
             * @description Pixel height.
             */
            height?: number | null;
            /**
             * Format: int64
             * @description Bytes.
             */
            size: number;
            /** @description Canonical transform. */
            transform: string;
            /**
             * Format: int32
             * @description Pixel width.
             */
            width?: number | null;
        };
        /** @enum {string} */
        FailureReason: "object_missing" | "size_mismatch" | "type_mismatch" | "too_large" | "quota_exceeded" | "verification_error" | "image_too_large" | "corrupt_image" | "unsupported_image" | "processing_timeout" | "encode_failed" | "variant_error" | "aborted" | "fetch_failed";
        /** Format: uuid */
        FileId: string;
        /** @description One page of files. */
        FilePage: {
            /** @description Newest first. */
            data: components["schemas"]["FileResponse"][];
            /** @description Pass as `cursor` for the next page; absent on the last page. */
            next_cursor?: string | null;
        };
        /** @description A file as the API shows it. */
        FileResponse: {
            /** @description Verified content type. */
            content_type: string;
            /**
             * Format: date-time
             * @description When it was verified.
             */
            created_at: string;
            /** @description ETag from the store. */
            etag?: string | null;
            failure_reason?: components["schemas"]["FailureReason"] | null;
            /** @description Filename. */
            filename: string;
            /**
             * Format: int32
             * @description Pixel height, when known.
             */
            height?: number | null;
            /** @description File id. */
            id: components["schemas"]["FileId"];
            /** @description Client metadata. */
            metadata: unknown;
            /** @description Object key in the bucket. */
            object_key: string;
            /**
             * Format: int64
             * @description Verified size.
             */
            size: number;
            /**
             * @description Its upload's state: `processing` while preset variants are made, `ready`, or `failed`
             *     when the image pipeline refused it (the original is kept and can be downloaded or
             *     deleted, but not transformed).
             */
            status: components["schemas"]["UploadStatus"];
            /** @description Tenant slug. */
            tenant?: string | null;
            /** @description The upload it came from. */
            upload_id: components["schemas"]["UploadId"];
            /** @description Derived images (single-file responses only). */
            variants?: components["schemas"]["VariantResponse"][] | null;
            /**
             * Format: int32
             * @description Pixel width, when known.
             */
            width?: number | null;
        };
        /**
         * @description What a team may do with a bucket: own it, or hold one of the three grants.
         * @enum {string}
         */
        Grant: "read-only" | "read-write" | "admin" | "owner";
        /**
         * @description Per-project source limits (defaults follow pict-rs and imgproxy). Animated images are
         *     rendered as a still of their first frame, so frame counts cost nothing and are not limited.
         */
        ImageLimits: {
            /**
             * Format: int64
             * @description Largest source file, in bytes.
             * @default 41943040
             */
            max_input_bytes: number;
            /**
             * Format: int64
             * @description Most pixels one output may have (`w × h` of a spec, dpr applied, and of what a render
             *     would actually produce), so a signed URL cannot ask for a huge image of a tiny source.
             * @default 16000000
             */
            max_output_pixels: number;
            /**
             * Format: int64
             * @description Most pixels (width × height).
             * @default 40000000
             */
            max_pixels: number;
            /**
             * Format: int32
             * @description Longest side, in pixels.
             * @default 10000
             */
            max_side: number;
        };
        /**
         * @description Body of `POST /v1/uploads/from-url`.
         * @example {
         *       "metadata": {
         *         "source": "import"
         *       },
         *       "tenant": "acme",
         *       "url": "https://images.example.com/cat.jpg"
         *     }
         */
        ImportRequest: {
            /** @description The file's name (default: the URL's last path segment). */
            filename?: string | null;
            /** @description Stored with the upload and the file. */
            metadata?: unknown;
            /**
             * @description A named upload route: its size limit, accepted types, tenant rule and metadata schema
             *     apply.
             */
            route?: string | null;
            /** @description Tenant slug. */
            tenant?: string | null;
            /**
             * @description `http(s)://…` to fetch. Addresses that resolve to private, loopback or link-local ranges
             *     are refused.
             */
            url: string;
        };
        /** @description An invitation as listings show it (never the token). */
        Invitation: {
            /**
             * Format: date-time
             * @description Accepted.
             */
            accepted_at?: string | null;
            /**
             * Format: date-time
             * @description Created.
             */
            created_at: string;
            /** @description Who may accept it. */
            email: string;
            /**
             * Format: date-time
             * @description Expires.
             */
            expires_at: string;
            /** @description Id. */
            id: components["schemas"]["InvitationId"];
            /** @description Organization. */
            organization_id: components["schemas"]["OrgId"];
            /**
             * Format: date-time
             * @description Revoked.
             */
            revoked_at?: string | null;
            /** @description Organization role on acceptance. */
            role: components["schemas"]["OrgRole"];
            team_id?: components["schemas"]["TeamId"] | null;
            team_role?: components["schemas"]["TeamRole"] | null;
        };
        /** @description An invitation as created: the token appears here only. */
        InvitationCreated: components["schemas"]["Invitation"] & {
            /** @description Hand this to the invitee (sign-up or `POST /v1/invitations/accept`); it is not shown again. */
            token: string;
        };
        /** Format: uuid */
        InvitationId: string;
        /** @description A new key: its summary and, this once, the token. */
        KeyCreated: components["schemas"]["ApiKeySummary"] & {
            /** @description The secret token; it is not shown again. */
            token: string;
        };
        /** @description Whether a bucket aborts abandoned multipart uploads on its own. */
        LifecycleReport: {
            /**
             * Format: int32
             * @description Days after which the store aborts an incomplete upload (when a rule exists).
             */
            abort_after_days?: number | null;
            /** @description True when a whole-bucket rule aborts incomplete multipart uploads. */
            ok: boolean;
            /** @description What is missing, in words. */
            problem?: string | null;
        };
        /** @description A list answer. */
        List_ApiKeySummary: {
            /** @description The items. */
            data: {
                /**
                 * Format: date-time
                 * @description Creation time.
                 */
                created_at: string;
                /**
                 * Format: date-time
                 * @description Expiry.
                 */
                expires_at?: string | null;
                /** @description Id. */
                id: components["schemas"]["ApiKeyId"];
                /**
                 * Format: date-time
                 * @description Last use.
                 */
                last_used_at?: string | null;
                /** @description Label. */
                name: string;
                /** @description Permission names. */
                permissions: string[];
                /** @description Public prefix (`ck_…`). */
                prefix: string;
                /** @description Owning project. */
                project_id: components["schemas"]["ProjectId"];
                /**
                 * Format: date-time
                 * @description Revocation time.
                 */
                revoked_at?: string | null;
            }[];
        };
        /** @description A list answer. */
        List_BucketView: {
            /** @description The items. */
            data: (components["schemas"]["BucketSummary"] & {
                /** @description What the acting team may do with it. */
                access: components["schemas"]["Grant"];
                /** @description Teams it is shared with (shown to teams that manage it). */
                grants?: components["schemas"]["TeamGrant"][] | null;
            })[];
        };
        /** @description A list answer. */
        List_Endpoint: {
            /** @description The items. */
            data: {
                /**
                 * Format: date-time
                 * @description Created.
                 */
                created_at: string;
                /** @description What it is for. */
                description: string;
                /**
                 * Format: date-time
                 * @description When it was switched off.
                 */
                disabled_at?: string | null;
                /** @description Why Carcosa switched it off (`410 Gone`, failing for days). */
                disabled_reason?: string | null;
                /** @description Whether deliveries are made. */
                enabled: boolean;
                /** @description Subscribed event types. */
                events: string[];
                /**
                 * Format: date-time
                 * @description First failed delivery since the last success.
                 */
                failing_since?: string | null;
                /** @description Id. */
                id: components["schemas"]["WebhookId"];
                /**
                 * Format: date-time
                 * @description Until when the previous secret still signs deliveries (after a rotation).
                 */
                previous_secret_expires_at?: string | null;
                /** @description The project. */
                project_id: components["schemas"]["ProjectId"];
                /**
                 * Format: date-time
                 * @description Last changed.
                 */
                updated_at: string;
                /** @description Where deliveries are POSTed. */
                url: string;
            }[];
        };
        /** @description A list answer. */
        List_Invitation: {
            /** @description The items. */
            data: {
                /**
                 * Format: date-time
                 * @description Accepted.
                 */
                accepted_at?: string | null;
                /**
                 * Format: date-time
                 * @description Created.
                 */
                created_at: string;
                /** @description Who may accept it. */
                email: string;
                /**
                 * Format: date-time
                 * @description Expires.
                 */
                expires_at: string;
                /** @description Id. */
                id: components["schemas"]["InvitationId"];
                /** @description Organization. */
                organization_id: components["schemas"]["OrgId"];
                /**
                 * Format: date-time
                 * @description Revoked.
                 */
                revoked_at?: string | null;
                /** @description Organization role on acceptance. */
                role: components["schemas"]["OrgRole"];
                team_id?: components["schemas"]["TeamId"] | null;
                team_role?: components["schemas"]["TeamRole"] | null;
            }[];
        };
        /** @description A list answer. */
        List_Membership: {
            /** @description The items. */
            data: {
                /** @description Organization id. */
                id: components["schemas"]["OrgId"];
                /** @description Its name. */
                name: string;
                /** @description The caller's role. */
                role: components["schemas"]["OrgRole"];
                /** @description Its slug. */
                slug: string;
            }[];
        };
        /** @description A list answer. */
        List_OrgMember: {
            /** @description The items. */
            data: {
                /**
                 * Format: date-time
                 * @description When they joined.
                 */
                created_at: string;
                /** @description Their email. */
                email: string;
                /** @description Their name. */
                name: string;
                /** @description Their role. */
                role: components["schemas"]["OrgRole"];
                /** @description The user. */
                user_id: components["schemas"]["UserId"];
            }[];
        };
        /** @description A list answer. */
        List_Project: {
            /** @description The items. */
            data: {
                /** @description Allowed content types (exact or `type/*`). */
                allowed_content_types: string[];
                /** @description Bucket its objects go to. */
                bucket_id: components["schemas"]["BucketId"];
                /**
                 * Format: date-time
                 * @description Creation time.
                 */
                created_at: string;
                /** @description Id. */
                id: components["schemas"]["ProjectId"];
                /**
                 * Format: int64
                 * @description Largest accepted upload.
                 */
                max_upload_bytes: number;
                /**
                 * Format: int64
                 * @description Uploads of at least this many bytes are presigned as multipart.
                 */
                multipart_threshold_bytes: number;
                /** @description Display name. */
                name: string;
                /** @description The team's organization. */
                organization_id: components["schemas"]["OrgId"];
                /** @description Unique within the team. */
                slug: string;
                /** @description Owning team. */
                team_id: components["schemas"]["TeamId"];
                /**
                 * Format: int32
                 * @description Upload URL lifetime override.
                 */
                upload_url_ttl_secs?: number | null;
            }[];
        };
        /** @description A list answer. */
        List_SessionView: {
            /** @description The items. */
            data: (components["schemas"]["SessionSummary"] & {
                /** @description Whether it is the one this request came with. */
                current: boolean;
            })[];
        };
        /** @description A list answer. */
        List_Team: {
            /** @description The items. */
            data: {
                /**
                 * Format: date-time
                 * @description Creation time.
                 */
                created_at: string;
                /** @description Id. */
                id: components["schemas"]["TeamId"];
                /** @description Display name. */
                name: string;
                /** @description Owning organization. */
                organization_id: components["schemas"]["OrgId"];
                /** @description Unique within the organization. */
                slug: string;
            }[];
        };
        /** @description A list answer. */
        List_TeamMember: {
            /** @description The items. */
            data: {
                /**
                 * Format: date-time
                 * @description When they joined.
                 */
                created_at: string;
                /** @description Their email. */
                email: string;
                /** @description Their name. */
                name: string;
                /** @description Their role in the team. */
                role: components["schemas"]["TeamRole"];
                /** @description The user. */
                user_id: components["schemas"]["UserId"];
            }[];
        };
        /** @description A list answer. */
        List_Tenant: {
            /** @description The items. */
            data: {
                /**
                 * Format: date-time
                 * @description Creation time.
                 */
                created_at: string;
                /** @description Id. */
                id: components["schemas"]["TenantId"];
                /** @description Display name. */
                name: string;
                /** @description Owning project. */
                project_id: components["schemas"]["ProjectId"];
                /** @description Unique within the project; what API callers pass. */
                slug: string;
            }[];
        };
        /** @description A list answer. */
        List_UploadRouteView: {
            /** @description The items. */
            data: {
                /** @description Accepted types. */
                content_types: string[];
                /**
                 * Format: date-time
                 * @description When it was first pushed.
                 */
                created_at: string;
                /**
                 * Format: int64
                 * @description Largest file, in bytes.
                 */
                max_file_size: number;
                /**
                 * Format: int32
                 * @description Files per request.
                 */
                max_files: number;
                metadata?: components["schemas"]["MetadataSchema"] | null;
                /** @description The route's name (`avatar`). */
                name: string;
                /** @description Presets made (`null`: all of the project's). */
                presets?: string[] | null;
                /** @description Whether uploads must name a tenant. */
                tenant_required: boolean;
                /**
                 * Format: date-time
                 * @description When its rules last changed.
                 */
                updated_at: string;
            }[];
        };
        /**
         * @description Body of `POST /v1/auth/login`.
         * @example {
         *       "email": "ada@example.com",
         *       "password": "a long passphrase"
         *     }
         */
        LoginRequest: {
            /** @description Email address. */
            email: string;
            /** @description Password. */
            password: string;
        };
        /** @description `GET /v1/auth/me` (and the body of login and sign-up). */
        Me: {
            /** @description Their organizations and roles. */
            organizations: components["schemas"]["Membership"][];
            /** @description The user. */
            user: components["schemas"]["User"];
        };
        /** @description An organization the caller belongs to, with their role. */
        Membership: {
            /** @description Organization id. */
            id: components["schemas"]["OrgId"];
            /** @description Its name. */
            name: string;
            /** @description The caller's role. */
            role: components["schemas"]["OrgRole"];
            /** @description Its slug. */
            slug: string;
        };
        /** @description A JSON Schema subset: an object of typed properties. */
        MetadataSchema: {
            /** @description Whether properties not listed are allowed (default true). */
            additionalProperties?: boolean;
            /** @description The properties. */
            properties?: {
                [key: string]: components["schemas"]["PropertySchema"];
            };
            /** @description Properties that must be present. */
            required?: string[];
            /** @description Always `object`. */
            type: components["schemas"]["ObjectType"];
        };
        /**
         * @description Body of `POST /v1/files/{id}/transform-url`: a preset name, or transform parameters.
         * @example {
         *       "format": "auto",
         *       "w": 400
         *     }
         */
        MintRequest: {
            /**
             * Format: int32
             * @description Device pixel ratio 1–3.
             */
            dpr?: number | null;
            /** @description `cover`, `contain`, `fill` or `inside`. */
            fit?: string | null;
            /** @description `webp`, `jpeg`, `png`, `avif` or `auto`. */
            format?: string | null;
            /**
             * Format: int32
             * @description Height in CSS pixels (multiplied by `dpr`).
             */
            h?: number | null;
            /** @description A preset of the project (excludes the other fields). */
            preset?: string | null;
            /**
             * Format: int32
             * @description Quality 1–100.
             */
            q?: number | null;
            /**
             * Format: int32
             * @description Width in CSS pixels (multiplied by `dpr`).
             */
            w?: number | null;
        };
        /** @description A minted URL. */
        MintResponse: {
            /** @description The `Cache-Control` the URL is served with. */
            cache_control: string;
            /** @description The same, as a path. */
            path: string;
            /** @description Canonical transform (`null` with `format=auto`, where it depends on `Accept`). */
            transform?: string | null;
            /** @description Absolute URL (`http.public_url`, or `http://{http.bind}`). */
            url: string;
        };
        /** @description How a multipart upload is cut, as the API shows it. */
        MultipartInfo: {
            /**
             * Format: int32
             * @description Number of parts (numbered from 1).
             */
            part_count: number;
            /**
             * Format: int64
             * @description Bytes per part: every part but the last is exactly this long.
             */
            part_size: number;
            /** @description Where to get presigned part URLs (`?from=&count=`). */
            parts_url: string;
        };
        /** @description Body of `PUT …/credentials`. */
        NewCredentials: {
            /** @description New access key id. */
            access_key: string;
            /** @description New secret access key. */
            secret_key: string;
        };
        /**
         * @description The only type a metadata schema's root may have.
         * @enum {string}
         */
        ObjectType: "object";
        /** @description An organization. */
        Org: {
            /**
             * Format: date-time
             * @description Creation time.
             */
            created_at: string;
            /** @description Id. */
            id: components["schemas"]["OrgId"];
            /** @description Display name. */
            name: string;
            /** @description URL-safe unique name. */
            slug: string;
        };
        /** Format: uuid */
        OrgId: string;
        /** @description A member as listings show them. */
        OrgMember: {
            /**
             * Format: date-time
             * @description When they joined.
             */
            created_at: string;
            /** @description Their email. */
            email: string;
            /** @description Their name. */
            name: string;
            /** @description Their role. */
            role: components["schemas"]["OrgRole"];
            /** @description The user. */
            user_id: components["schemas"]["UserId"];
        };
        /** @enum {string} */
        OrgRole: "owner" | "admin" | "viewer" | "member";
        /** @enum {string} */
        Outcome: "success" | "denied" | "error";
        /** @description A presigned `UploadPart` request. */
        PartUrl: components["schemas"]["PresignedRequest"] & {
            /**
             * Format: int32
             * @description Part number.
             */
            part_number: number;
            /**
             * Format: int64
             * @description The part's exact length in bytes (signed: send exactly this many).
             */
            size: number;
        };
        /** @description Answer of `GET /v1/uploads/{id}/parts`. */
        PartUrls: {
            /**
             * Format: int32
             * @description Total parts of the upload.
             */
            part_count: number;
            /** @description The part URLs asked for, by part number. */
            parts: components["schemas"]["PartUrl"][];
        };
        /** @description Body of `POST /v1/auth/password`. */
        PasswordChange: {
            /** @description The current password. */
            current_password: string;
            /** @description The new one. */
            new_password: string;
        };
        /** @description Body of `POST /v1/orgs/{org}/members/{user}/password`. */
        PasswordReset: {
            /** @description The member's new password (tell them; they should change it). */
            new_password: string;
        };
        /**
         * @description One permission an API key can carry.
         * @enum {string}
         */
        Permission: "FilesRead" | "FilesWrite" | "FilesDelete" | "TransformsRead" | "TransformsWrite" | "TransformsDelete" | "TransformsExecute" | "ProjectsRead" | "ProjectsWrite" | "ProjectsDelete" | "ApiKeysRead" | "ApiKeysWrite" | "ApiKeysDelete" | "TenantsManage" | "UsageRead" | "AuditLogsRead" | "Admin";
        /** @description A presigned request: the client sends `method` to `url` with exactly `headers`. */
        PresignedRequest: {
            /**
             * Format: date-time
             * @description When the signature stops being accepted.
             */
            expires_at: string;
            /** @description Headers the client must send verbatim (they are part of the signature). */
            headers: {
                [key: string]: string;
            };
            /** @description HTTP method (`PUT` or `GET`). */
            method: string;
            /** @description The signed URL. */
            url: string;
        };
        /** @description A project with its owning ids and upload rules. */
        Project: {
            /** @description Allowed content types (exact or `type/*`). */
            allowed_content_types: string[];
            /** @description Bucket its objects go to. */
            bucket_id: components["schemas"]["BucketId"];
            /**
             * Format: date-time
             * @description Creation time.
             */
            created_at: string;
            /** @description Id. */
            id: components["schemas"]["ProjectId"];
            /**
             * Format: int64
             * @description Largest accepted upload.
             */
            max_upload_bytes: number;
            /**
             * Format: int64
             * @description Uploads of at least this many bytes are presigned as multipart.
             */
            multipart_threshold_bytes: number;
            /** @description Display name. */
            name: string;
            /** @description The team's organization. */
            organization_id: components["schemas"]["OrgId"];
            /** @description Unique within the team. */
            slug: string;
            /** @description Owning team. */
            team_id: components["schemas"]["TeamId"];
            /**
             * Format: int32
             * @description Upload URL lifetime override.
             */
            upload_url_ttl_secs?: number | null;
        };
        /** Format: uuid */
        ProjectId: string;
        /** @description Quotas (`null`: unlimited). */
        ProjectQuotas: {
            /**
             * Format: int64
             * @description Files.
             */
            max_files?: number | null;
            /**
             * Format: int64
             * @description Stored bytes.
             */
            max_stored_bytes?: number | null;
            /**
             * Format: int64
             * @description Transforms per month.
             */
            max_transforms_per_month?: number | null;
        };
        /** @description A project with its settings. */
        ProjectView: components["schemas"]["Project"] & {
            /** @description Quotas and rate-limit overrides. */
            quotas: components["schemas"]["ProjectQuotas"];
            /** @description Rate-limit overrides (tier → per hour). */
            rate_limits: Record<string, never>;
            /** @description Presets, public presets and image limits (the defaults spelled out). */
            transforms: Record<string, never>;
        };
        /** @description One property. */
        PropertySchema: {
            /** @description The allowed values. */
            enum?: string[] | null;
            /**
             * Format: int32
             * @description Longest length, in characters.
             */
            maxLength?: number | null;
            /**
             * Format: int32
             * @description Shortest length, in characters.
             */
            minLength?: number | null;
            /** @enum {string} */
            type: "string";
        } | {
            /**
             * Format: int64
             * @description Largest value.
             */
            maximum?: number | null;
            /**
             * Format: int64
             * @description Smallest value.
             */
            minimum?: number | null;
            /** @enum {string} */
            type: "integer";
        } | {
            /**
             * Format: int64
             * @description Largest value.
             */
            maximum?: number | null;
            /**
             * Format: int64
             * @description Smallest value.
             */
            minimum?: number | null;
            /** @enum {string} */
            type: "number";
        } | {
            /** @enum {string} */
            type: "boolean";
        };
        /** @description Body of `PUT …/grants/{grantee}`. */
        PutGrant: {
            /** @description `read-only`, `read-write` or `admin`. */
            access: components["schemas"]["Grant"];
        };
        /** @description Answer of the test and replay routes. */
        Queued: {
            /** @description The delivery (follow it in the delivery log). */
            delivery_id: components["schemas"]["DeliveryId"];
        };
        /** @description A project's quotas (columns `quota_*` of `projects`). */
        Quotas: {
            /**
             * Format: int64
             * @description Number of files the project may hold.
             */
            max_files?: number | null;
            /**
             * Format: int64
             * @description Bytes of verified files the project may hold.
             */
            max_stored_bytes?: number | null;
            /**
             * Format: int64
             * @description On-demand transforms per calendar month (UTC).
             */
            max_transforms_per_month?: number | null;
        };
        /** @description The project's quotas and how much of the monthly one is used. */
        QuotaStatus: components["schemas"]["Quotas"] & {
            /**
             * Format: int64
             * @description On-demand transforms made this calendar month (UTC), whole project.
             */
            transforms_this_month: number;
        };
        /** @description Body of `PATCH /v1/orgs/{org}`. */
        Rename: {
            /** @description New display name. */
            name: string;
        };
        /** @description The outcome of a CORS check. */
        Report: {
            fix?: components["schemas"]["Rule"] | null;
            /** @description True when every origin can upload. */
            ok: boolean;
            /** @description One sentence per problem, naming the origin. */
            problems: string[];
        };
        /** @description Body of `PATCH /v1/orgs/{org}/members/{user}`. */
        RoleChange: {
            /** @description The new role. */
            role: components["schemas"]["OrgRole"];
        };
        /** @description A route's rules, as the management API and the SDK write them. */
        RouteRules: {
            /** @description Accepted types, exact (`application/pdf`) or a family (`image/*`). */
            content_types: string[];
            /**
             * Format: int64
             * @description Largest file, in bytes.
             */
            max_file_size: number;
            /**
             * Format: int32
             * @description Files per request (1–100; default 1). Clients batch at most this many at once.
             */
            max_files?: number;
            metadata?: components["schemas"]["MetadataSchema"] | null;
            /** @description Presets made for each upload (names of the project's presets); absent: all of them. */
            presets?: string[] | null;
            /** @description Whether each upload must name a tenant. */
            tenant_required?: boolean;
        };
        /** @description One CORS rule, as S3 stores it. */
        Rule: {
            /** @description Request headers a browser may send (`*` for any). */
            allowed_headers?: string[];
            /** @description `GET`, `PUT`, `POST`, `DELETE`, `HEAD`. */
            allowed_methods: string[];
            /** @description `https://app.example.com`, `*`, or one `*` wildcard inside (`https://*.example.com`). */
            allowed_origins: string[];
            /** @description Response headers a browser may read. */
            expose_headers?: string[];
        };
        /** Format: uuid */
        SessionId: string;
        /** @description A session as `GET /v1/auth/sessions` lists it. */
        SessionSummary: {
            /**
             * Format: date-time
             * @description Sign-in time.
             */
            created_at: string;
            /**
             * Format: date-time
             * @description Absolute expiry.
             */
            expires_at: string;
            /** @description Id. */
            id: components["schemas"]["SessionId"];
            /** @description Address it signed in from. */
            ip?: string | null;
            /**
             * Format: date-time
             * @description Last use.
             */
            last_seen_at: string;
            /** @description Browser it signed in from. */
            user_agent?: string | null;
        };
        /** @description A live session of the caller. */
        SessionView: components["schemas"]["SessionSummary"] & {
            /** @description Whether it is the one this request came with. */
            current: boolean;
        };
        /**
         * @description A change to a project's settings; absent fields stay as they are. Quotas and the upload URL
         *     lifetime take `null` for "unlimited"/"default". Presets map a name to a transform query
         *     (`w=256&h=256&fit=cover&format=webp`) or to `null` to remove it.
         */
        SettingsPatch: {
            /** @description Allowed content types. */
            allowed_content_types?: string[] | null;
            image_limits?: components["schemas"]["ImageLimits"] | null;
            /**
             * Format: int64
             * @description File-count quota.
             */
            max_files?: number | null;
            /**
             * Format: int64
             * @description Stored-bytes quota (`null`: unlimited).
             */
            max_stored_bytes?: number | null;
            /**
             * Format: int64
             * @description Monthly transform quota.
             */
            max_transforms_per_month?: number | null;
            /**
             * Format: int64
             * @description Largest accepted upload.
             */
            max_upload_bytes?: number | null;
            /**
             * Format: int64
             * @description Uploads of at least this many bytes are presigned as multipart (5 MiB to 5 GiB).
             */
            multipart_threshold_bytes?: number | null;
            /** @description Display name. */
            name?: string | null;
            /** @description Presets to add, replace (`name: query`) or remove (`name: null`). */
            presets?: {
                [key: string]: string | null;
            } | null;
            /** @description Whether preset URLs work unsigned. */
            public_presets?: boolean | null;
            /** @description Rate-limit overrides: tier → requests per hour, or `null` to return to the default. */
            rate_limits?: {
                [key: string]: number | null;
            } | null;
            /**
             * Format: int32
             * @description Upload URL lifetime override (`null`: the server default).
             */
            upload_url_ttl_secs?: number | null;
        };
        /** @description Sign-up's answer. */
        SignedUpResponse: components["schemas"]["Me"] & {
            created_organization?: components["schemas"]["Org"] | null;
        };
        /**
         * @description Body of `POST /v1/auth/signup`.
         * @example {
         *       "email": "ada@example.com",
         *       "name": "Ada",
         *       "organization": "Analytical Engines",
         *       "password": "a long passphrase"
         *     }
         */
        SignupRequest: {
            /** @description Email address (the login name). */
            email: string;
            /** @description An invitation token (`ci_…`). */
            invitation?: string | null;
            /** @description Display name. */
            name?: string;
            /** @description Name of the organization to create (first user, or open sign-up without invitation). */
            organization?: string | null;
            /** @description Password: at least 10 characters, not a common one. */
            password: string;
        };
        /** @description What is stored now. */
        Stored: {
            /**
             * Format: int64
             * @description Bytes of files (originals; variants are not counted).
             */
            bytes: number;
            /**
             * Format: int64
             * @description Files.
             */
            files: number;
        };
        /** @description What a sync changed (or, dry, would change). */
        SyncReport: {
            /** @description Routes that are new. */
            added: string[];
            /** @description Whether the changes were made (`false` for a dry run). */
            applied: boolean;
            /** @description Routes whose rules differ. */
            changed: string[];
            /** @description Routes the server has and the pushed set does not (removed). */
            removed: string[];
            /** @description Routes already as pushed. */
            unchanged: string[];
        };
        /**
         * @description Body of `PUT /v1/projects/{project}/upload-routes`.
         * @example {
         *       "dry_run": true,
         *       "routes": {
         *         "attachments": {
         *           "content_types": [
         *             "application/pdf"
         *           ],
         *           "max_file_size": 20971520,
         *           "max_files": 10,
         *           "metadata": {
         *             "properties": {
         *               "caption": {
         *                 "maxLength": 200,
         *                 "type": "string"
         *               }
         *             },
         *             "required": [
         *               "caption"
         *             ],
         *             "type": "object"
         *           },
         *           "tenant_required": true
         *         },
         *         "avatar": {
         *           "content_types": [
         *             "image/*"
         *           ],
         *           "max_file_size": 4194304,
         *           "max_files": 1,
         *           "presets": [
         *             "thumb"
         *           ]
         *         }
         *       }
         *     }
         */
        SyncRoutes: {
            /** @description Only report what would change. */
            dry_run?: boolean;
            /** @description Every route the project should have, by name; routes not named here are removed. */
            routes: {
                [key: string]: components["schemas"]["RouteRules"];
            };
        };
        /** @description A team. */
        Team: {
            /**
             * Format: date-time
             * @description Creation time.
             */
            created_at: string;
            /** @description Id. */
            id: components["schemas"]["TeamId"];
            /** @description Display name. */
            name: string;
            /** @description Owning organization. */
            organization_id: components["schemas"]["OrgId"];
            /** @description Unique within the organization. */
            slug: string;
        };
        /** @description A grant as listings show it. */
        TeamGrant: {
            /** @description What it may do. */
            access: components["schemas"]["Grant"];
            /** @description The team. */
            team_id: components["schemas"]["TeamId"];
            /** @description Its slug. */
            team_slug: string;
        };
        /** Format: uuid */
        TeamId: string;
        /** @description A team member as listings show them. */
        TeamMember: {
            /**
             * Format: date-time
             * @description When they joined.
             */
            created_at: string;
            /** @description Their email. */
            email: string;
            /** @description Their name. */
            name: string;
            /** @description Their role in the team. */
            role: components["schemas"]["TeamRole"];
            /** @description The user. */
            user_id: components["schemas"]["UserId"];
        };
        /** @enum {string} */
        TeamRole: "admin" | "member" | "viewer";
        /** @description Body of `PUT /v1/orgs/{org}/teams/{team}/members/{user}`. */
        TeamRoleChange: {
            /** @description The team role. */
            role: components["schemas"]["TeamRole"];
        };
        /** @description A tenant. */
        Tenant: {
            /**
             * Format: date-time
             * @description Creation time.
             */
            created_at: string;
            /** @description Id. */
            id: components["schemas"]["TenantId"];
            /** @description Display name. */
            name: string;
            /** @description Owning project. */
            project_id: components["schemas"]["ProjectId"];
            /** @description Unique within the project; what API callers pass. */
            slug: string;
        };
        /** Format: uuid */
        TenantId: string;
        /**
         * @description Body of `POST /v1/realtime/token`.
         * @example {
         *       "ttl_secs": 600,
         *       "upload": "01930b8e-7a3c-7d2f-9b1e-3f4a5b6c7d8e"
         *     }
         */
        TokenRequest: {
            /** @description Or to one tenant (slug). */
            tenant?: string | null;
            /**
             * Format: int64
             * @description Lifetime, 10–3600 s (default 600).
             */
            ttl_secs?: number | null;
            upload?: components["schemas"]["UploadId"] | null;
        };
        /** @description A minted token. */
        TokenResponse: {
            /**
             * Format: date-time
             * @description When it stops working for new connections.
             */
            expires_at: string;
            /** @description `project`, `tenant:<slug>` or `upload:<id>`. */
            scope: string;
            /** @description Pass as `GET /v1/ws?token=…`. */
            token: string;
        };
        /** @description A part the store holds, as ListParts reports it. */
        UploadedPart: {
            /** @description The part's ETag (quotes stripped): what CompleteMultipartUpload needs. */
            etag: string;
            /**
             * Format: int32
             * @description 1-based part number.
             */
            part_number: number;
            /**
             * Format: int64
             * @description Bytes stored.
             */
            size: number;
        };
        /** @description Answer of `GET /v1/uploads/{id}/parts/uploaded`. */
        UploadedParts: {
            /**
             * Format: int32
             * @description Total parts of the upload.
             */
            part_count: number;
            /** @description The parts the bucket holds, by part number. */
            parts: components["schemas"]["UploadedPart"][];
            /**
             * Format: int64
             * @description Bytes the bucket holds so far.
             */
            uploaded_bytes: number;
        };
        /** Format: uuid */
        UploadId: string;
        /** @description An upload as the API shows it; `upload` (the presigned request) only on create. */
        UploadResponse: {
            /** @description Declared (signed) content type. */
            content_type: string;
            /**
             * Format: date-time
             * @description Creation time.
             */
            created_at: string;
            /**
             * Format: date-time
             * @description When the upload URL expires.
             */
            expires_at: string;
            /** @description Words for `failure_reason` when it needs them (why an import could not be fetched). */
            failure_detail?: string | null;
            failure_reason?: components["schemas"]["FailureReason"] | null;
            file_id?: components["schemas"]["FileId"] | null;
            /** @description Filename as given. */
            filename: string;
            /** @description Upload id. */
            id: components["schemas"]["UploadId"];
            /** @description Client metadata. */
            metadata: unknown;
            multipart?: components["schemas"]["MultipartInfo"] | null;
            /**
             * @description Where the verified object lives in the bucket (the presigned PUT writes a staging key
             *     beside it, which the worker copies from once the bytes check out).
             */
            object_key: string;
            /** @description The named route it was presigned under. */
            route?: string | null;
            /**
             * Format: int64
             * @description Declared (signed) size.
             */
            size: number;
            /** @description Where a URL import fetches its bytes from (`POST /v1/uploads/from-url`). */
            source_url?: string | null;
            /** @description `pending`, `verifying`, `processing`, `ready`, `failed` or `expired`. */
            status: components["schemas"]["UploadStatus"];
            /** @description Tenant slug. */
            tenant?: string | null;
            upload?: components["schemas"]["PresignedRequest"] | null;
        };
        /**
         * @description A route as the API shows it: its name, its rules' fields and its times, side by side. (Not a
         *     flattened [`RouteRules`]: that type refuses unknown fields as input, and its schema says so.)
         */
        UploadRouteView: {
            /** @description Accepted types. */
            content_types: string[];
            /**
             * Format: date-time
             * @description When it was first pushed.
             */
            created_at: string;
            /**
             * Format: int64
             * @description Largest file, in bytes.
             */
            max_file_size: number;
            /**
             * Format: int32
             * @description Files per request.
             */
            max_files: number;
            metadata?: components["schemas"]["MetadataSchema"] | null;
            /** @description The route's name (`avatar`). */
            name: string;
            /** @description Presets made (`null`: all of the project's). */
            presets?: string[] | null;
            /** @description Whether uploads must name a tenant. */
            tenant_required: boolean;
            /**
             * Format: date-time
             * @description When its rules last changed.
             */
            updated_at: string;
        };
        /** @enum {string} */
        UploadStatus: "pending" | "verifying" | "processing" | "ready" | "failed" | "expired";
        /** @description `GET /v1/usage` answer. */
        UsageResponse: {
            /** @description One entry per day of the range, zeros included, oldest first. */
            days: components["schemas"]["Day"][];
            /**
             * Format: date
             * @description First day.
             */
            from: string;
            /** @description Project quotas. */
            quotas: components["schemas"]["QuotaStatus"];
            /** @description Stored now (for the tenant, when filtered). */
            stored: components["schemas"]["Stored"];
            /** @description Tenant slug, when filtered. */
            tenant?: string | null;
            /**
             * Format: date
             * @description Last day.
             */
            to: string;
            /** @description Sums over the range. */
            totals: components["schemas"]["Counters"];
        };
        /** @description A user as the API shows it (never the password hash). */
        User: {
            /**
             * Format: date-time
             * @description Creation time.
             */
            created_at: string;
            /** @description Lower-case email, unique. */
            email: string;
            /** @description Id. */
            id: components["schemas"]["UserId"];
            /** @description Display name. */
            name: string;
        };
        /** Format: uuid */
        UserId: string;
        /** @description A derived image of a file. */
        VariantResponse: {
            /** @description Encoding. */
            format: string;
            /**
             * Format: int32
             * @description Pixel height.
             */
            height?: number | null;
            /** @description Object key in the bucket. */
            object_key: string;
            /**
             * Format: int64
             * @description Bytes.
             */
            size: number;
            /** @description Canonical transform, e.g. `w256-h256-cover-q80.webp`. */
            transform: string;
            /**
             * Format: int32
             * @description Pixel width.
             */
            width?: number | null;
        };
        /** Format: uuid */
        WebhookId: string;
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    docs_redirect: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description To `/docs/`. */
            308: {
                headers: {
                    /** @description `/docs/` */
                    location?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    docs_index: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The reference page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    docs_asset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description File name, e.g. `swagger-ui.css`. */
                file: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    healthz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Up. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ok"
                     *     }
                     */
                    "application/json": Record<string, never>;
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    render: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Metrics. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    openapi_json: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OpenAPI document. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    readyz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ready"
                     *     }
                     */
                    "application/json": Record<string, never>;
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
            /** @description Service Unavailable: `unavailable` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unavailable",
                     *         "message": "Service Unavailable"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unavailable";
                        };
                    };
                };
            };
        };
    };
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginRequest"];
            };
        };
        responses: {
            /** @description Signed in. */
            200: {
                headers: {
                    /** @description The session cookie `carcosa_session`. */
                    "set-cookie"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            /** @description Bad Request: `invalid_json`, `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "invalid_json",
                     *         "message": "Bad Request"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "invalid_json" | "validation_failed";
                        };
                    };
                };
            };
            /** @description Unauthorized: `invalid_credentials` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "invalid_credentials",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "invalid_credentials";
                        };
                    };
                };
            };
            /** @description Forbidden: `csrf_failed` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "csrf_failed",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "csrf_failed";
                        };
                    };
                };
            };
            /** @description Payload Too Large: `payload_too_large` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "payload_too_large",
                     *         "message": "Payload Too Large"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
            };
            /** @description Unsupported Media Type: `unsupported_media_type` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unsupported_media_type",
                     *         "message": "Unsupported Media Type"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Signed out. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unauthorized: `unauthorized`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "csrf_failed",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    get_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            /** @description Unauthorized: `unauthorized`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "csrf_failed",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    change_password: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordChange"];
            };
        };
        responses: {
            /** @description Changed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request: `invalid_json`, `validation_failed`, `weak_password` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "invalid_json",
                     *         "message": "Bad Request"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "invalid_json" | "validation_failed" | "weak_password";
                        };
                    };
                };
            };
            /** @description Unauthorized: `unauthorized`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `csrf_failed`, `session_required`, `wrong_password` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "csrf_failed",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "csrf_failed" | "session_required" | "wrong_password";
                        };
                    };
                };
            };
            /** @description Payload Too Large: `payload_too_large` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "payload_too_large",
                     *         "message": "Payload Too Large"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
            };
            /** @description Unsupported Media Type: `unsupported_media_type` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unsupported_media_type",
                     *         "message": "Unsupported Media Type"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    list_sessions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Sessions. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["List_SessionView"];
                };
            };
            /** @description Unauthorized: `unauthorized`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "csrf_failed",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    delete_session: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Session id. */
                id: components["schemas"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unauthorized: `unauthorized`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "csrf_failed",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    signup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignupRequest"];
            };
        };
        responses: {
            /** @description Signed up and signed in. */
            201: {
                headers: {
                    /** @description The session cookie `carcosa_session`. */
                    "set-cookie"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignedUpResponse"];
                };
            };
            /** @description Bad Request: `invalid_json`, `validation_failed`, `weak_password` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "invalid_json",
                     *         "message": "Bad Request"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "invalid_json" | "validation_failed" | "weak_password";
                        };
                    };
                };
            };
            /** @description Forbidden: `csrf_failed`, `signup_closed`, `signup_requires_invitation`, `invitation_invalid` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "csrf_failed",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "csrf_failed" | "signup_closed" | "signup_requires_invitation" | "invitation_invalid";
                        };
                    };
                };
            };
            /** @description Conflict: `email_taken` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "email_taken",
                     *         "message": "Conflict"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "email_taken";
                        };
                    };
                };
            };
            /** @description Payload Too Large: `payload_too_large` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "payload_too_large",
                     *         "message": "Payload Too Large"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
            };
            /** @description Unsupported Media Type: `unsupported_media_type` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unsupported_media_type",
                     *         "message": "Unsupported Media Type"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    list_files: {
        parameters: {
            query?: {
                /** @description `next_cursor` from the previous page. */
                cursor?: string;
                /** @description Page size, 1–100 (default 20). */
                limit?: number;
                /** @description Only this tenant's files. */
                tenant?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of files. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FilePage"];
                };
            };
            /** @description Bad Request: `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "validation_failed",
                     *         "message": "Bad Request"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "validation_failed";
                        };
                    };
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    get_file: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description File id. */
                id: components["schemas"]["FileId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FileResponse"];
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    delete_file: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description File id. */
                id: components["schemas"]["FileId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    download_file: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description File id. */
                id: components["schemas"]["FileId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The URL. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DownloadResponse"];
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    mint_url: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description File id. */
                id: components["schemas"]["FileId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MintRequest"];
            };
        };
        responses: {
            /** @description The URL. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MintResponse"];
                };
            };
            /** @description Bad Request: `invalid_json`, `validation_failed`, `invalid_transform_parameter`, `unknown_transform_parameter`, `unknown_preset` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "invalid_json",
                     *         "message": "Bad Request"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "invalid_json" | "validation_failed" | "invalid_transform_parameter" | "unknown_transform_parameter" | "unknown_preset";
                        };
                    };
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Payload Too Large: `payload_too_large` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "payload_too_large",
                     *         "message": "Payload Too Large"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
            };
            /** @description Unsupported Media Type: `unsupported_media_type` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unsupported_media_type",
                     *         "message": "Unsupported Media Type"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    accept_invitation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AcceptInvitation"];
            };
        };
        responses: {
            /** @description Joined; the user with their organizations. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            /** @description Bad Request: `invalid_json`, `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "invalid_json",
                     *         "message": "Bad Request"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "invalid_json" | "validation_failed";
                        };
                    };
                };
            };
            /** @description Unauthorized: `unauthorized`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `csrf_failed`, `session_required`, `invitation_invalid` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "csrf_failed",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "csrf_failed" | "session_required" | "invitation_invalid";
                        };
                    };
                };
            };
            /** @description Conflict: `already_member` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "already_member",
                     *         "message": "Conflict"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "already_member";
                        };
                    };
                };
            };
            /** @description Payload Too Large: `payload_too_large` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "payload_too_large",
                     *         "message": "Payload Too Large"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
            };
            /** @description Unsupported Media Type: `unsupported_media_type` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unsupported_media_type",
                     *         "message": "Unsupported Media Type"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    list_orgs: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Organizations. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["List_Membership"];
                };
            };
            /** @description Unauthorized: `unauthorized`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "csrf_failed",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    create_org: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateNamed"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Org"];
                };
            };
            /** @description Bad Request: `invalid_json`, `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "invalid_json",
                     *         "message": "Bad Request"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "invalid_json" | "validation_failed";
                        };
                    };
                };
            };
            /** @description Unauthorized: `unauthorized`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "csrf_failed",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Conflict: `already_exists` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "already_exists",
                     *         "message": "Conflict"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "already_exists";
                        };
                    };
                };
            };
            /** @description Payload Too Large: `payload_too_large` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "payload_too_large",
                     *         "message": "Payload Too Large"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
            };
            /** @description Unsupported Media Type: `unsupported_media_type` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unsupported_media_type",
                     *         "message": "Unsupported Media Type"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    get_org: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Organization id or slug. */
                org: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The organization. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Org"];
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    delete_org: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Organization id or slug. */
                org: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required`, `owner_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required" | "owner_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Conflict: `has_dependents` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "has_dependents",
                     *         "message": "Conflict"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "has_dependents";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    update_org: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Organization id or slug. */
                org: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Rename"];
            };
        };
        responses: {
            /** @description Renamed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Org"];
                };
            };
            /** @description Bad Request: `invalid_json`, `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "invalid_json",
                     *         "message": "Bad Request"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "invalid_json" | "validation_failed";
                        };
                    };
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Payload Too Large: `payload_too_large` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "payload_too_large",
                     *         "message": "Payload Too Large"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
            };
            /** @description Unsupported Media Type: `unsupported_media_type` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unsupported_media_type",
                     *         "message": "Unsupported Media Type"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    list_audit_logs: {
        parameters: {
            query?: {
                /** @description Only this action (or a prefix ending in `.`, e.g. `api_key.`). */
                action?: string;
                /** @description Only this actor id. */
                actor?: string;
                /** @description `next_cursor` of the previous page. */
                cursor?: string;
                /** @description Page size (1-500, default 100). */
                limit?: number;
                /** @description At or after (RFC 3339). */
                since?: string;
                /** @description Only this target id. */
                target?: string;
                /** @description Before (RFC 3339). */
                until?: string;
            };
            header?: never;
            path: {
                /** @description Organization id or slug. */
                org: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPage"];
                };
            };
            /** @description Bad Request: `validation_failed`, `invalid_cursor` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "validation_failed",
                     *         "message": "Bad Request"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "validation_failed" | "invalid_cursor";
                        };
                    };
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    export_audit_logs: {
        parameters: {
            query?: {
                /** @description Only this action (or a prefix ending in `.`, e.g. `api_key.`). */
                action?: string;
                /** @description Only this actor id. */
                actor?: string;
                /** @description `next_cursor` of the previous page. */
                cursor?: string;
                /** @description Page size (1-500, default 100). */
                limit?: number;
                /** @description At or after (RFC 3339). */
                since?: string;
                /** @description Only this target id. */
                target?: string;
                /** @description Before (RFC 3339). */
                until?: string;
            };
            header?: never;
            path: {
                /** @description Organization id or slug. */
                org: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One JSON event per line. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": components["schemas"]["AuditRow"];
                };
            };
            /** @description Bad Request: `validation_failed`, `invalid_cursor` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "validation_failed",
                     *         "message": "Bad Request"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "validation_failed" | "invalid_cursor";
                        };
                    };
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    list_invitations: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Organization id or slug. */
                org: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invitations. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["List_Invitation"];
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    create_invitation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Organization id or slug. */
                org: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateInvitation"];
            };
        };
        responses: {
            /** @description Invited. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationCreated"];
                };
            };
            /** @description Bad Request: `invalid_json`, `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "invalid_json",
                     *         "message": "Bad Request"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "invalid_json" | "validation_failed";
                        };
                    };
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Conflict: `already_member`, `already_exists` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "already_member",
                     *         "message": "Conflict"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "already_member" | "already_exists";
                        };
                    };
                };
            };
            /** @description Payload Too Large: `payload_too_large` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "payload_too_large",
                     *         "message": "Payload Too Large"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
            };
            /** @description Unsupported Media Type: `unsupported_media_type` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unsupported_media_type",
                     *         "message": "Unsupported Media Type"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    revoke_invitation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Invitation id. */
                id: components["schemas"]["InvitationId"];
                /** @description Organization id or slug. */
                org: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    list_members: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Organization id or slug. */
                org: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Members. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["List_OrgMember"];
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    remove_member: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Organization id or slug. */
                org: string;
                /** @description User id. */
                user: components["schemas"]["UserId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required`, `owner_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required" | "owner_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Conflict: `last_owner` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "last_owner",
                     *         "message": "Conflict"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "last_owner";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    set_member_role: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Organization id or slug. */
                org: string;
                /** @description User id. */
                user: components["schemas"]["UserId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RoleChange"];
            };
        };
        responses: {
            /** @description Changed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request: `invalid_json`, `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "invalid_json",
                     *         "message": "Bad Request"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "invalid_json" | "validation_failed";
                        };
                    };
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required`, `owner_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required" | "owner_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Conflict: `last_owner` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "last_owner",
                     *         "message": "Conflict"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "last_owner";
                        };
                    };
                };
            };
            /** @description Payload Too Large: `payload_too_large` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "payload_too_large",
                     *         "message": "Payload Too Large"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
            };
            /** @description Unsupported Media Type: `unsupported_media_type` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unsupported_media_type",
                     *         "message": "Unsupported Media Type"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    reset_member_password: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Organization id or slug. */
                org: string;
                /** @description User id. */
                user: components["schemas"]["UserId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordReset"];
            };
        };
        responses: {
            /** @description Reset. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request: `invalid_json`, `validation_failed`, `weak_password` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "invalid_json",
                     *         "message": "Bad Request"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "invalid_json" | "validation_failed" | "weak_password";
                        };
                    };
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required`, `owner_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required" | "owner_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Payload Too Large: `payload_too_large` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "payload_too_large",
                     *         "message": "Payload Too Large"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
            };
            /** @description Unsupported Media Type: `unsupported_media_type` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unsupported_media_type",
                     *         "message": "Unsupported Media Type"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    list_teams: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Organization id or slug. */
                org: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Teams. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["List_Team"];
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    create_team: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Organization id or slug. */
                org: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateNamed"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Team"];
                };
            };
            /** @description Bad Request: `invalid_json`, `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "invalid_json",
                     *         "message": "Bad Request"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "invalid_json" | "validation_failed";
                        };
                    };
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Conflict: `already_exists` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "already_exists",
                     *         "message": "Conflict"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "already_exists";
                        };
                    };
                };
            };
            /** @description Payload Too Large: `payload_too_large` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "payload_too_large",
                     *         "message": "Payload Too Large"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
            };
            /** @description Unsupported Media Type: `unsupported_media_type` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unsupported_media_type",
                     *         "message": "Unsupported Media Type"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    get_team: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Organization id or slug. */
                org: string;
                /** @description Team id or slug. */
                team: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The team. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Team"];
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    delete_team: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Organization id or slug. */
                org: string;
                /** @description Team id or slug. */
                team: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required`, `org_admin_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required" | "org_admin_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Conflict: `has_dependents` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "has_dependents",
                     *         "message": "Conflict"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "has_dependents";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    update_team: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Organization id or slug. */
                org: string;
                /** @description Team id or slug. */
                team: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Rename"];
            };
        };
        responses: {
            /** @description Renamed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Team"];
                };
            };
            /** @description Bad Request: `invalid_json`, `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "invalid_json",
                     *         "message": "Bad Request"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "invalid_json" | "validation_failed";
                        };
                    };
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Payload Too Large: `payload_too_large` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "payload_too_large",
                     *         "message": "Payload Too Large"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
            };
            /** @description Unsupported Media Type: `unsupported_media_type` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unsupported_media_type",
                     *         "message": "Unsupported Media Type"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    list_buckets: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Organization id or slug. */
                org: string;
                /** @description Team id or slug. */
                team: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Buckets. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["List_BucketView"];
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    connect_bucket: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Organization id or slug. */
                org: string;
                /** @description Team id or slug. */
                team: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConnectBucket"];
            };
        };
        responses: {
            /** @description Connected, with the check results. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Connected"];
                };
            };
            /** @description Bad Request: `invalid_json`, `validation_failed`, `bucket_check_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "invalid_json",
                     *         "message": "Bad Request"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "invalid_json" | "validation_failed" | "bucket_check_failed";
                        };
                    };
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Conflict: `already_exists` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "already_exists",
                     *         "message": "Conflict"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "already_exists";
                        };
                    };
                };
            };
            /** @description Payload Too Large: `payload_too_large` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "payload_too_large",
                     *         "message": "Payload Too Large"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
            };
            /** @description Unsupported Media Type: `unsupported_media_type` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unsupported_media_type",
                     *         "message": "Unsupported Media Type"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    get_bucket: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Bucket id or name. */
                bucket: string;
                /** @description Organization id or slug. */
                org: string;
                /** @description Team id or slug. */
                team: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The bucket. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BucketView"];
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    check_bucket: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Bucket id or name. */
                bucket: string;
                /** @description Organization id or slug. */
                org: string;
                /** @description Team id or slug. */
                team: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CheckBucket"];
            };
        };
        responses: {
            /** @description Each check's result, with fixes. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Checks"];
                };
            };
            /** @description Bad Request: `invalid_json`, `validation_failed`, `bucket_check_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "invalid_json",
                     *         "message": "Bad Request"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "invalid_json" | "validation_failed" | "bucket_check_failed";
                        };
                    };
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required`, `bucket_admin_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required" | "bucket_admin_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Payload Too Large: `payload_too_large` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "payload_too_large",
                     *         "message": "Payload Too Large"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
            };
            /** @description Unsupported Media Type: `unsupported_media_type` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unsupported_media_type",
                     *         "message": "Unsupported Media Type"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    rotate_credentials: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Bucket id or name. */
                bucket: string;
                /** @description Organization id or slug. */
                org: string;
                /** @description Team id or slug. */
                team: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewCredentials"];
            };
        };
        responses: {
            /** @description Rotated. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request: `invalid_json`, `validation_failed`, `bucket_check_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "invalid_json",
                     *         "message": "Bad Request"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "invalid_json" | "validation_failed" | "bucket_check_failed";
                        };
                    };
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required`, `bucket_admin_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required" | "bucket_admin_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Payload Too Large: `payload_too_large` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "payload_too_large",
                     *         "message": "Payload Too Large"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
            };
            /** @description Unsupported Media Type: `unsupported_media_type` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unsupported_media_type",
                     *         "message": "Unsupported Media Type"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    put_grant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Bucket id or name. */
                bucket: string;
                /** @description The team (id or slug) to share with. */
                grantee: string;
                /** @description Organization id or slug. */
                org: string;
                /** @description Team id or slug. */
                team: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PutGrant"];
            };
        };
        responses: {
            /** @description Shared. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request: `invalid_json`, `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "invalid_json",
                     *         "message": "Bad Request"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "invalid_json" | "validation_failed";
                        };
                    };
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required`, `bucket_admin_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required" | "bucket_admin_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Payload Too Large: `payload_too_large` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "payload_too_large",
                     *         "message": "Payload Too Large"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
            };
            /** @description Unsupported Media Type: `unsupported_media_type` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unsupported_media_type",
                     *         "message": "Unsupported Media Type"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    delete_grant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Bucket id or name. */
                bucket: string;
                /** @description The team (id or slug) to share with. */
                grantee: string;
                /** @description Organization id or slug. */
                org: string;
                /** @description Team id or slug. */
                team: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required`, `bucket_admin_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required" | "bucket_admin_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    list_team_members: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Organization id or slug. */
                org: string;
                /** @description Team id or slug. */
                team: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Members. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["List_TeamMember"];
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    put_team_member: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Organization id or slug. */
                org: string;
                /** @description Team id or slug. */
                team: string;
                /** @description User id. */
                user: components["schemas"]["UserId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TeamRoleChange"];
            };
        };
        responses: {
            /** @description Done. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request: `invalid_json`, `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "invalid_json",
                     *         "message": "Bad Request"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "invalid_json" | "validation_failed";
                        };
                    };
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Payload Too Large: `payload_too_large` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "payload_too_large",
                     *         "message": "Payload Too Large"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
            };
            /** @description Unsupported Media Type: `unsupported_media_type` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unsupported_media_type",
                     *         "message": "Unsupported Media Type"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    remove_team_member: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Organization id or slug. */
                org: string;
                /** @description Team id or slug. */
                team: string;
                /** @description User id. */
                user: components["schemas"]["UserId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    list_projects: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Organization id or slug. */
                org: string;
                /** @description Team id or slug. */
                team: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Projects. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["List_Project"];
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Conflict: `ambiguous_project` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "ambiguous_project",
                     *         "message": "Conflict"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "ambiguous_project";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    create_project: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Organization id or slug. */
                org: string;
                /** @description Team id or slug. */
                team: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateProject"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectView"];
                };
            };
            /** @description Bad Request: `invalid_json`, `validation_failed`, `bucket_not_writable` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "invalid_json",
                     *         "message": "Bad Request"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "invalid_json" | "validation_failed" | "bucket_not_writable";
                        };
                    };
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Conflict: `already_exists` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "already_exists",
                     *         "message": "Conflict"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "already_exists";
                        };
                    };
                };
            };
            /** @description Payload Too Large: `payload_too_large` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "payload_too_large",
                     *         "message": "Payload Too Large"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
            };
            /** @description Unsupported Media Type: `unsupported_media_type` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unsupported_media_type",
                     *         "message": "Unsupported Media Type"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    get_project: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project id or slug (a slug is unique per team; `ambiguous_project` if several of your teams use it). */
                project: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The project. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectView"];
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Conflict: `ambiguous_project` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "ambiguous_project",
                     *         "message": "Conflict"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "ambiguous_project";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    delete_project: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project id or slug (a slug is unique per team; `ambiguous_project` if several of your teams use it). */
                project: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Conflict: `ambiguous_project`, `has_dependents` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "ambiguous_project",
                     *         "message": "Conflict"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "ambiguous_project" | "has_dependents";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    update_project: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project id or slug (a slug is unique per team; `ambiguous_project` if several of your teams use it). */
                project: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SettingsPatch"];
            };
        };
        responses: {
            /** @description Changed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectView"];
                };
            };
            /** @description Bad Request: `invalid_json`, `validation_failed`, `invalid_transform_policy` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "invalid_json",
                     *         "message": "Bad Request"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "invalid_json" | "validation_failed" | "invalid_transform_policy";
                        };
                    };
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Conflict: `ambiguous_project` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "ambiguous_project",
                     *         "message": "Conflict"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "ambiguous_project";
                        };
                    };
                };
            };
            /** @description Payload Too Large: `payload_too_large` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "payload_too_large",
                     *         "message": "Payload Too Large"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
            };
            /** @description Unsupported Media Type: `unsupported_media_type` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unsupported_media_type",
                     *         "message": "Unsupported Media Type"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    list_keys: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project id or slug (a slug is unique per team; `ambiguous_project` if several of your teams use it). */
                project: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Keys. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["List_ApiKeySummary"];
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Conflict: `ambiguous_project` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "ambiguous_project",
                     *         "message": "Conflict"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "ambiguous_project";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    create_key: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project id or slug (a slug is unique per team; `ambiguous_project` if several of your teams use it). */
                project: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateKey"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KeyCreated"];
                };
            };
            /** @description Bad Request: `invalid_json`, `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "invalid_json",
                     *         "message": "Bad Request"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "invalid_json" | "validation_failed";
                        };
                    };
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required`, `permission_ceiling` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required" | "permission_ceiling";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Conflict: `ambiguous_project` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "ambiguous_project",
                     *         "message": "Conflict"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "ambiguous_project";
                        };
                    };
                };
            };
            /** @description Payload Too Large: `payload_too_large` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "payload_too_large",
                     *         "message": "Payload Too Large"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
            };
            /** @description Unsupported Media Type: `unsupported_media_type` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unsupported_media_type",
                     *         "message": "Unsupported Media Type"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    revoke_key: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Key id. */
                id: components["schemas"]["ApiKeyId"];
                /** @description Project id or slug (a slug is unique per team; `ambiguous_project` if several of your teams use it). */
                project: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Conflict: `ambiguous_project` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "ambiguous_project",
                     *         "message": "Conflict"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "ambiguous_project";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    list_tenants: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project id or slug (a slug is unique per team; `ambiguous_project` if several of your teams use it). */
                project: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Tenants. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["List_Tenant"];
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Conflict: `ambiguous_project` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "ambiguous_project",
                     *         "message": "Conflict"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "ambiguous_project";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    create_tenant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project id or slug (a slug is unique per team; `ambiguous_project` if several of your teams use it). */
                project: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTenant"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tenant"];
                };
            };
            /** @description Bad Request: `invalid_json`, `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "invalid_json",
                     *         "message": "Bad Request"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "invalid_json" | "validation_failed";
                        };
                    };
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Conflict: `ambiguous_project`, `already_exists` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "ambiguous_project",
                     *         "message": "Conflict"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "ambiguous_project" | "already_exists";
                        };
                    };
                };
            };
            /** @description Payload Too Large: `payload_too_large` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "payload_too_large",
                     *         "message": "Payload Too Large"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
            };
            /** @description Unsupported Media Type: `unsupported_media_type` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unsupported_media_type",
                     *         "message": "Unsupported Media Type"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    delete_tenant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project id or slug (a slug is unique per team; `ambiguous_project` if several of your teams use it). */
                project: string;
                /** @description Tenant slug. */
                tenant: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Conflict: `ambiguous_project` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "ambiguous_project",
                     *         "message": "Conflict"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "ambiguous_project";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    rotate_transform_secret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project id or slug (a slug is unique per team; `ambiguous_project` if several of your teams use it). */
                project: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Rotated. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Conflict: `ambiguous_project` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "ambiguous_project",
                     *         "message": "Conflict"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "ambiguous_project";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    list_routes: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project id or slug (`current`: the API key's own project). */
                project: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Routes. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["List_UploadRouteView"];
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Conflict: `ambiguous_project` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "ambiguous_project",
                     *         "message": "Conflict"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "ambiguous_project";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    sync_routes: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project id or slug (`current`: the API key's own project). */
                project: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SyncRoutes"];
            };
        };
        responses: {
            /** @description What differed (and whether it was applied). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SyncReport"];
                };
            };
            /** @description Bad Request: `invalid_json`, `validation_failed`, `invalid_route`, `unknown_preset` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "invalid_json",
                     *         "message": "Bad Request"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "invalid_json" | "validation_failed" | "invalid_route" | "unknown_preset";
                        };
                    };
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Conflict: `ambiguous_project`, `invalid_transform_policy` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "ambiguous_project",
                     *         "message": "Conflict"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "ambiguous_project" | "invalid_transform_policy";
                        };
                    };
                };
            };
            /** @description Payload Too Large: `payload_too_large` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "payload_too_large",
                     *         "message": "Payload Too Large"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
            };
            /** @description Unsupported Media Type: `unsupported_media_type` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unsupported_media_type",
                     *         "message": "Unsupported Media Type"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    put_route: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Route name. */
                name: string;
                /** @description Project id or slug (`current`: the API key's own project). */
                project: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RouteRules"];
            };
        };
        responses: {
            /** @description The route. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadRouteView"];
                };
            };
            /** @description Bad Request: `invalid_json`, `validation_failed`, `invalid_route`, `unknown_preset` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "invalid_json",
                     *         "message": "Bad Request"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "invalid_json" | "validation_failed" | "invalid_route" | "unknown_preset";
                        };
                    };
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Conflict: `ambiguous_project`, `invalid_transform_policy` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "ambiguous_project",
                     *         "message": "Conflict"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "ambiguous_project" | "invalid_transform_policy";
                        };
                    };
                };
            };
            /** @description Payload Too Large: `payload_too_large` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "payload_too_large",
                     *         "message": "Payload Too Large"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
            };
            /** @description Unsupported Media Type: `unsupported_media_type` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unsupported_media_type",
                     *         "message": "Unsupported Media Type"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    delete_route: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Route name. */
                name: string;
                /** @description Project id or slug (`current`: the API key's own project). */
                project: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Conflict: `ambiguous_project` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "ambiguous_project",
                     *         "message": "Conflict"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "ambiguous_project";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    list_webhooks: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project id or slug (`current`: the API key's own project). */
                project: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Endpoints. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["List_Endpoint"];
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Conflict: `ambiguous_project` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "ambiguous_project",
                     *         "message": "Conflict"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "ambiguous_project";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    create_webhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project id or slug (`current`: the API key's own project). */
                project: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateEndpoint"];
            };
        };
        responses: {
            /** @description Created, with its secret. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EndpointWithSecret"];
                };
            };
            /** @description Bad Request: `invalid_json`, `validation_failed`, `invalid_webhook` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "invalid_json",
                     *         "message": "Bad Request"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "invalid_json" | "validation_failed" | "invalid_webhook";
                        };
                    };
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Conflict: `ambiguous_project`, `too_many_webhooks` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "ambiguous_project",
                     *         "message": "Conflict"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "ambiguous_project" | "too_many_webhooks";
                        };
                    };
                };
            };
            /** @description Payload Too Large: `payload_too_large` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "payload_too_large",
                     *         "message": "Payload Too Large"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
            };
            /** @description Unsupported Media Type: `unsupported_media_type` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unsupported_media_type",
                     *         "message": "Unsupported Media Type"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    get_webhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Webhook endpoint id. */
                id: components["schemas"]["WebhookId"];
                /** @description Project id or slug (`current`: the API key's own project). */
                project: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoint. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Endpoint"];
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Conflict: `ambiguous_project` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "ambiguous_project",
                     *         "message": "Conflict"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "ambiguous_project";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    delete_webhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Webhook endpoint id. */
                id: components["schemas"]["WebhookId"];
                /** @description Project id or slug (`current`: the API key's own project). */
                project: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Conflict: `ambiguous_project` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "ambiguous_project",
                     *         "message": "Conflict"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "ambiguous_project";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    update_webhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Webhook endpoint id. */
                id: components["schemas"]["WebhookId"];
                /** @description Project id or slug (`current`: the API key's own project). */
                project: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EndpointPatch"];
            };
        };
        responses: {
            /** @description The endpoint. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Endpoint"];
                };
            };
            /** @description Bad Request: `invalid_json`, `validation_failed`, `invalid_webhook` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "invalid_json",
                     *         "message": "Bad Request"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "invalid_json" | "validation_failed" | "invalid_webhook";
                        };
                    };
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Conflict: `ambiguous_project` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "ambiguous_project",
                     *         "message": "Conflict"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "ambiguous_project";
                        };
                    };
                };
            };
            /** @description Payload Too Large: `payload_too_large` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "payload_too_large",
                     *         "message": "Payload Too Large"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
            };
            /** @description Unsupported Media Type: `unsupported_media_type` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unsupported_media_type",
                     *         "message": "Unsupported Media Type"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    list_deliveries: {
        parameters: {
            query?: {
                /** @description `next_cursor` of the previous page. */
                cursor?: components["schemas"]["DeliveryId"];
                /** @description 1–100 (default 50). */
                limit?: number;
                /** @description `pending`, `delivered` or `failed`. */
                status?: string;
            };
            header?: never;
            path: {
                /** @description Webhook endpoint id. */
                id: components["schemas"]["WebhookId"];
                /** @description Project id or slug (`current`: the API key's own project). */
                project: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of deliveries. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryPage"];
                };
            };
            /** @description Bad Request: `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "validation_failed",
                     *         "message": "Bad Request"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "validation_failed";
                        };
                    };
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Conflict: `ambiguous_project` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "ambiguous_project",
                     *         "message": "Conflict"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "ambiguous_project";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    get_delivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Delivery id. */
                delivery: components["schemas"]["DeliveryId"];
                /** @description Webhook endpoint id. */
                id: components["schemas"]["WebhookId"];
                /** @description Project id or slug (`current`: the API key's own project). */
                project: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The delivery. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryDetail"];
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Conflict: `ambiguous_project` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "ambiguous_project",
                     *         "message": "Conflict"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "ambiguous_project";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    replay_delivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Delivery id. */
                delivery: components["schemas"]["DeliveryId"];
                /** @description Webhook endpoint id. */
                id: components["schemas"]["WebhookId"];
                /** @description Project id or slug (`current`: the API key's own project). */
                project: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Queued. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Queued"];
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Conflict: `ambiguous_project`, `webhook_disabled` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "ambiguous_project",
                     *         "message": "Conflict"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "ambiguous_project" | "webhook_disabled";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    rotate_secret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Webhook endpoint id. */
                id: components["schemas"]["WebhookId"];
                /** @description Project id or slug (`current`: the API key's own project). */
                project: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoint with its new secret. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EndpointWithSecret"];
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Conflict: `ambiguous_project` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "ambiguous_project",
                     *         "message": "Conflict"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "ambiguous_project";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    test_webhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Webhook endpoint id. */
                id: components["schemas"]["WebhookId"];
                /** @description Project id or slug (`current`: the API key's own project). */
                project: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Queued. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Queued"];
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `session_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "session_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `csrf_failed`, `session_required` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "csrf_failed" | "session_required";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Conflict: `ambiguous_project` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "ambiguous_project",
                     *         "message": "Conflict"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "ambiguous_project";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    mint_token: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TokenRequest"];
            };
        };
        responses: {
            /** @description The token. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            /** @description Bad Request: `invalid_json`, `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "invalid_json",
                     *         "message": "Bad Request"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "invalid_json" | "validation_failed";
                        };
                    };
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Payload Too Large: `payload_too_large` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "payload_too_large",
                     *         "message": "Payload Too Large"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
            };
            /** @description Unsupported Media Type: `unsupported_media_type` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unsupported_media_type",
                     *         "message": "Unsupported Media Type"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    transform_by_query: {
        parameters: {
            query?: {
                /** @description Device pixel ratio 1–3. */
                dpr?: number;
                /** @description `cover`, `contain`, `fill` or `inside`. */
                fit?: string;
                /** @description `webp`, `jpeg`, `png`, `avif` or `auto` (from `Accept`). */
                format?: string;
                /** @description Height in CSS pixels. */
                h?: number;
                /** @description Quality 1–100. */
                q?: number;
                /** @description Width in CSS pixels. */
                w?: number;
            };
            header?: never;
            path: {
                /** @description File id. */
                id: components["schemas"]["FileId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The image (`Cache-Control`, `ETag`, `Vary: Accept` with `format=auto`). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/avif": string;
                    "image/jpeg": string;
                    "image/png": string;
                    "image/webp": string;
                };
            };
            /** @description A stored variant, redirected to a presigned bucket URL (`transforms.redirect`). */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not modified (`If-None-Match`). */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request: `invalid_transform_parameter`, `unknown_transform_parameter` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "invalid_transform_parameter",
                     *         "message": "Bad Request"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "invalid_transform_parameter" | "unknown_transform_parameter";
                        };
                    };
                };
            };
            /** @description Forbidden: `signature_required`, `invalid_signature`, `quota_exceeded` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "signature_required",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "signature_required" | "invalid_signature" | "quota_exceeded";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Unprocessable Entity: `not_transformable`, `image_too_large`, `corrupt_image`, `unsupported_image`, `processing_timeout`, `encode_failed`, `variant_error` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_transformable",
                     *         "message": "Unprocessable Entity"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_transformable" | "image_too_large" | "corrupt_image" | "unsupported_image" | "processing_timeout" | "encode_failed" | "variant_error";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
            /** @description Service Unavailable: `transform_pending`, `transform_failed`, `transforms_busy` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "transform_pending",
                     *         "message": "Service Unavailable"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "transform_pending" | "transform_failed" | "transforms_busy";
                        };
                    };
                };
            };
        };
    };
    transform_by_preset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description File id. */
                id: components["schemas"]["FileId"];
                /** @description Preset name (e.g. `thumb`). */
                preset: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The image (`Cache-Control`, `ETag`, `Vary: Accept` with `format=auto`). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/avif": string;
                    "image/jpeg": string;
                    "image/png": string;
                    "image/webp": string;
                };
            };
            /** @description A stored variant, redirected to a presigned bucket URL (`transforms.redirect`). */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not modified (`If-None-Match`). */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request: `invalid_transform_parameter`, `unknown_transform_parameter` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "invalid_transform_parameter",
                     *         "message": "Bad Request"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "invalid_transform_parameter" | "unknown_transform_parameter";
                        };
                    };
                };
            };
            /** @description Forbidden: `signature_required`, `invalid_signature`, `quota_exceeded` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "signature_required",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "signature_required" | "invalid_signature" | "quota_exceeded";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Unprocessable Entity: `not_transformable`, `image_too_large`, `corrupt_image`, `unsupported_image`, `processing_timeout`, `encode_failed`, `variant_error` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_transformable",
                     *         "message": "Unprocessable Entity"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_transformable" | "image_too_large" | "corrupt_image" | "unsupported_image" | "processing_timeout" | "encode_failed" | "variant_error";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
            /** @description Service Unavailable: `transform_pending`, `transform_failed`, `transforms_busy` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "transform_pending",
                     *         "message": "Service Unavailable"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "transform_pending" | "transform_failed" | "transforms_busy";
                        };
                    };
                };
            };
        };
    };
    create_upload: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes retries safe (1–255 visible ASCII characters). */
                "Idempotency-Key"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateUploadRequest"];
            };
        };
        responses: {
            /** @description A replay of an earlier request with the same `Idempotency-Key`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadResponse"];
                };
            };
            /** @description Presigned. */
            201: {
                headers: {
                    /** @description The upload's URL. */
                    location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadResponse"];
                };
            };
            /** @description Bad Request: `invalid_json`, `validation_failed`, `invalid_filename`, `unknown_route`, `tenant_required`, `invalid_metadata` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "invalid_json",
                     *         "message": "Bad Request"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "invalid_json" | "validation_failed" | "invalid_filename" | "unknown_route" | "tenant_required" | "invalid_metadata";
                        };
                    };
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `bucket_access_revoked`, `quota_exceeded` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "bucket_access_revoked" | "quota_exceeded";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Conflict: `idempotency_key_reused` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "idempotency_key_reused",
                     *         "message": "Conflict"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "idempotency_key_reused";
                        };
                    };
                };
            };
            /** @description Payload Too Large: `payload_too_large`, `upload_too_large` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "payload_too_large",
                     *         "message": "Payload Too Large"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "payload_too_large" | "upload_too_large";
                        };
                    };
                };
            };
            /** @description Unsupported Media Type: `unsupported_media_type`, `content_type_not_allowed` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unsupported_media_type",
                     *         "message": "Unsupported Media Type"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unsupported_media_type" | "content_type_not_allowed";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    get_upload: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Upload id. */
                id: components["schemas"]["UploadId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The upload. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadResponse"];
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    abort_upload: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Upload id. */
                id: components["schemas"]["UploadId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Aborted. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadResponse"];
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Conflict: `upload_not_pending` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "upload_not_pending",
                     *         "message": "Conflict"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "upload_not_pending";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    complete_upload: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Upload id. */
                id: components["schemas"]["UploadId"];
            };
            cookie?: never;
        };
        /** @description Optional: the parts of a multipart upload with their ETags. */
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CompleteUploadRequest"] | null;
            };
        };
        responses: {
            /** @description Verification queued (or already done). */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadResponse"];
                };
            };
            /** @description Bad Request: `invalid_json`, `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "invalid_json",
                     *         "message": "Bad Request"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "invalid_json" | "validation_failed";
                        };
                    };
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `bucket_access_revoked` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "bucket_access_revoked";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Conflict: `upload_expired`, `parts_missing`, `part_mismatch`, `size_mismatch`, `upload_not_pending` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "upload_expired",
                     *         "message": "Conflict"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "upload_expired" | "parts_missing" | "part_mismatch" | "size_mismatch" | "upload_not_pending";
                        };
                    };
                };
            };
            /** @description Payload Too Large: `payload_too_large` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "payload_too_large",
                     *         "message": "Payload Too Large"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
            };
            /** @description Unsupported Media Type: `unsupported_media_type` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unsupported_media_type",
                     *         "message": "Unsupported Media Type"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    part_urls: {
        parameters: {
            query?: {
                /** @description How many parts (default 100, at most 1000). */
                count?: number;
                /** @description First part number (default 1). */
                from?: number;
            };
            header?: never;
            path: {
                /** @description Upload id. */
                id: components["schemas"]["UploadId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Part URLs. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartUrls"];
                };
            };
            /** @description Bad Request: `validation_failed` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "validation_failed",
                     *         "message": "Bad Request"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "validation_failed";
                        };
                    };
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `bucket_access_revoked` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "bucket_access_revoked";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Conflict: `not_multipart`, `upload_expired`, `upload_not_pending` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_multipart",
                     *         "message": "Conflict"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_multipart" | "upload_expired" | "upload_not_pending";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    uploaded_parts: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Upload id. */
                id: components["schemas"]["UploadId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Uploaded parts. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadedParts"];
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Conflict: `not_multipart`, `upload_expired`, `upload_not_pending` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_multipart",
                     *         "message": "Conflict"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_multipart" | "upload_expired" | "upload_not_pending";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    import_from_url: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ImportRequest"];
            };
        };
        responses: {
            /** @description Queued. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadResponse"];
                };
            };
            /** @description Bad Request: `invalid_json`, `validation_failed`, `url_refused`, `invalid_filename`, `unknown_route`, `tenant_required`, `invalid_metadata` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "invalid_json",
                     *         "message": "Bad Request"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "invalid_json" | "validation_failed" | "url_refused" | "invalid_filename" | "unknown_route" | "tenant_required" | "invalid_metadata";
                        };
                    };
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden`, `bucket_access_revoked`, `quota_exceeded` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden" | "bucket_access_revoked" | "quota_exceeded";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Payload Too Large: `payload_too_large` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "payload_too_large",
                     *         "message": "Payload Too Large"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "payload_too_large";
                        };
                    };
                };
            };
            /** @description Unsupported Media Type: `unsupported_media_type` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unsupported_media_type",
                     *         "message": "Unsupported Media Type"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unsupported_media_type";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    get_usage: {
        parameters: {
            query?: {
                /** @description First day (`YYYY-MM-DD`, UTC), inclusive. Default: 29 days before `to`. */
                from?: string;
                /** @description Tenant slug: only that tenant's usage. */
                tenant?: string;
                /** @description Last day, inclusive. Default: today (UTC). */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Usage. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UsageResponse"];
                };
            };
            /** @description Bad Request: `validation_failed`, `invalid_range` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "validation_failed",
                     *         "message": "Bad Request"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "validation_failed" | "invalid_range";
                        };
                    };
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden";
                        };
                    };
                };
            };
            /** @description Not Found: `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "not_found",
                     *         "message": "Not Found"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "not_found";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
    connect: {
        parameters: {
            query?: {
                /** @description A subscribe token (browsers cannot set headers on a WebSocket). */
                token?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Switching to the WebSocket protocol. */
            101: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request: `validation_failed`, `websocket_required` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "validation_failed",
                     *         "message": "Bad Request"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "validation_failed" | "websocket_required";
                        };
                    };
                };
            };
            /** @description Unauthorized: `unauthorized`, `api_key_revoked`, `api_key_expired`, `invalid_token` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "unauthorized",
                     *         "message": "Unauthorized"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "unauthorized" | "api_key_revoked" | "api_key_expired" | "invalid_token";
                        };
                    };
                };
            };
            /** @description Forbidden: `forbidden` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "forbidden",
                     *         "message": "Forbidden"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "forbidden";
                        };
                    };
                };
            };
            /** @description Too Many Requests: `rate_limited` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "rate_limited",
                     *         "message": "Too Many Requests"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "rate_limited";
                        };
                    };
                };
            };
            /** @description Internal Server Error: `internal_error` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "internal_error",
                     *         "message": "Internal Server Error"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"] & {
                        error?: {
                            /** @enum {string} */
                            code: "internal_error";
                        };
                    };
                };
            };
        };
    };
}
