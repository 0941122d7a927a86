//! The migrations build the schema the code expects, and only once.

use sent_db::testing::empty_database;
use tokio_postgres::NoTls;

/// Everything about the schema that code relies on, one sorted line per
/// object: columns, constraints, indexes, row-level security, policies,
/// triggers, functions and grants.
const CATALOG: &str = r#"
SELECT line FROM (
  SELECT format('table %s rls=%s force=%s kind=%s', c.relname, c.relrowsecurity, c.relforcerowsecurity, c.relkind) AS line
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname !~ '_p[0-9]{6}$'
  UNION ALL
  SELECT format('column %s.%s %s null=%s default=%s', c.table_name, c.column_name,
                c.data_type || coalesce('(' || c.character_maximum_length || ')', '')
                            || coalesce('(' || c.numeric_precision || ',' || c.numeric_scale || ')', ''),
                c.is_nullable, coalesce(c.column_default, '-'))
    FROM information_schema.columns c
   WHERE c.table_schema = 'public' AND c.table_name !~ '_p[0-9]{6}$'
  UNION ALL
  SELECT format('constraint %s %s %s', cl.relname, co.conname, pg_get_constraintdef(co.oid))
    FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
   WHERE n.nspname = 'public' AND cl.relname !~ '_p[0-9]{6}$'
  UNION ALL
  SELECT format('index %s', indexdef) FROM pg_indexes
   WHERE schemaname = 'public' AND tablename !~ '_p[0-9]{6}$'
  UNION ALL
  SELECT format('policy %s.%s %s roles=%s using=%s check=%s', tablename, policyname, cmd, roles, qual, with_check)
    FROM pg_policies WHERE schemaname = 'public'
  UNION ALL
  SELECT format('trigger %s.%s %s', c.relname, t.tgname, pg_get_triggerdef(t.oid))
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = 'public' AND NOT t.tgisinternal AND c.relname !~ '_p[0-9]{6}$'
  UNION ALL
  SELECT format('function %s(%s) returns %s', p.proname, pg_get_function_identity_arguments(p.oid), pg_get_function_result(p.oid))
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
  UNION ALL
  SELECT format('grant %s on %s to %s', g.privilege_type, g.table_name, g.grantee)
    FROM information_schema.role_table_grants g
   WHERE g.table_schema = 'public' AND g.grantee = 'sent_app'
) catalog ORDER BY line COLLATE "C"
"#;

async fn catalog(url: &str) -> String {
    let (client, conn) = tokio_postgres::connect(url, NoTls).await.unwrap();
    let conn = tokio::spawn(conn);
    let rows = client.query(CATALOG, &[]).await.unwrap();
    drop(client);
    conn.await.unwrap().unwrap();
    rows.iter().map(|r| r.get::<_, String>(0)).collect::<Vec<_>>().join("\n")
}

#[tokio::test]
async fn migrating_from_empty_builds_the_expected_schema_and_a_second_run_changes_nothing() {
    let db = empty_database().await;

    let applied = sent_db::migrate::migrate(&db.owner_url).await.unwrap();
    assert_eq!(applied, sent_db::migrate::latest_version() as usize);
    let first = catalog(&db.owner_url).await;
    insta::assert_snapshot!("schema", first);

    let applied_again = sent_db::migrate::migrate(&db.owner_url).await.unwrap();
    assert_eq!(applied_again, 0, "a second run applies nothing");
    assert_eq!(catalog(&db.owner_url).await, first, "a second run changes nothing");
}

#[tokio::test]
async fn a_migrated_database_is_current() {
    let db = empty_database().await;
    let (client, conn) = tokio_postgres::connect(&db.owner_url, NoTls).await.unwrap();
    tokio::spawn(conn);
    sent_db::migrate::migrate(&db.owner_url).await.unwrap();
    assert!(sent_db::migrate::is_current(&client).await.unwrap());
}
