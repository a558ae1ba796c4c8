/// The feed of run changes (`workflow_run_updates`) is written by the database: a row for every
/// run stored and for every save (a new revision). The runner used to append each row with a
/// statement of its own; on SQLite every statement is a hand-off to the database thread and back
/// while the single writer is held, and a run made two of them more than it needed.
let m021WorkflowRunFeed = Migration(version: 21, name: "workflow_run_feed", statements: [], dialectStatements: [
    .sqlite: [
        """
        CREATE TRIGGER workflow_run_feed_insert AFTER INSERT ON workflow_runs FOR EACH ROW BEGIN
          INSERT INTO workflow_run_updates (org_id, run_id, workflow_id, status, step_id, at)
          VALUES (NEW.org_id, NEW.id, NEW.workflow_id, NEW.status, NEW.current_step, NEW.updated_at);
        END
        """,
        """
        CREATE TRIGGER workflow_run_feed_update AFTER UPDATE OF revision ON workflow_runs FOR EACH ROW BEGIN
          INSERT INTO workflow_run_updates (org_id, run_id, workflow_id, status, step_id, at)
          VALUES (NEW.org_id, NEW.id, NEW.workflow_id, NEW.status, NEW.current_step, NEW.updated_at);
        END
        """,
    ],
    .postgres: [
        """
        CREATE FUNCTION workflow_run_feed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO workflow_run_updates (org_id, run_id, workflow_id, status, step_id, at)
          VALUES (NEW.org_id, NEW.id, NEW.workflow_id, NEW.status, NEW.current_step, NEW.updated_at);
          RETURN NULL;
        END
        $$
        """,
        """
        CREATE TRIGGER workflow_run_feed_insert AFTER INSERT ON workflow_runs
          FOR EACH ROW EXECUTE FUNCTION workflow_run_feed()
        """,
        """
        CREATE TRIGGER workflow_run_feed_update AFTER UPDATE OF revision ON workflow_runs
          FOR EACH ROW EXECUTE FUNCTION workflow_run_feed()
        """,
    ],
])
