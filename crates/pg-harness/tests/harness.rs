//! The throwaway server really starts, is really separate per harness, and really goes away.

use std::time::Instant;

use kanak_pg_harness::TestPostgres;
use sqlx::Connection;
use sqlx::postgres::PgConnection;

async fn select_one(url: &str) -> Result<i32, sqlx::Error> {
    let mut conn = PgConnection::connect(url).await?;
    let (n,): (i32,) = sqlx::query_as("SELECT 1").fetch_one(&mut conn).await?;
    conn.close().await?;
    Ok(n)
}

#[tokio::test]
async fn local_server_answers_queries_and_is_gone_after_drop() {
    let started = Instant::now();
    let pg = TestPostgres::local().await.expect("start");
    println!("local PostgreSQL started in {} ms", started.elapsed().as_millis());
    assert_eq!(select_one(pg.url()).await.unwrap(), 1);
    let data_dir = pg.data_dir().expect("a local server has a data dir");
    assert!(data_dir.join("PG_VERSION").exists());
    let url = pg.url().to_string();
    drop(pg);
    assert!(!data_dir.exists(), "the temp dir is deleted");
    assert!(select_one(&url).await.is_err(), "the server is stopped");
}

#[tokio::test]
async fn two_harnesses_do_not_share_tables() {
    let (a, b) = tokio::join!(TestPostgres::local(), TestPostgres::local());
    let (a, b) = (a.unwrap(), b.unwrap());
    let mut conn = PgConnection::connect(a.url()).await.unwrap();
    sqlx::raw_sql("CREATE TABLE only_in_a (x INT)").execute(&mut conn).await.unwrap();
    let mut other = PgConnection::connect(b.url()).await.unwrap();
    let found: Option<(String,)> =
        sqlx::query_as("SELECT tablename::text FROM pg_tables WHERE tablename = 'only_in_a'")
            .fetch_optional(&mut other)
            .await
            .unwrap();
    assert!(found.is_none());
}

#[tokio::test]
async fn existing_server_gets_a_fresh_database_that_is_dropped_afterwards() {
    let server = TestPostgres::local().await.unwrap();
    let db = TestPostgres::on_server(server.url()).await.unwrap();
    assert_ne!(db.url(), server.url());
    assert!(db.data_dir().is_none());
    assert_eq!(select_one(db.url()).await.unwrap(), 1);
    let name = db.url().split('/').nth(3).unwrap().split('?').next().unwrap().to_string();
    drop(db);
    let mut admin = PgConnection::connect(server.url()).await.unwrap();
    let left: Option<(String,)> = sqlx::query_as("SELECT datname::text FROM pg_database WHERE datname = $1")
        .bind(&name)
        .fetch_optional(&mut admin)
        .await
        .unwrap();
    assert!(left.is_none(), "database {name} was dropped");
}
