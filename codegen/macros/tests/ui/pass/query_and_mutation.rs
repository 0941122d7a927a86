use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use sent_rpc::{Access, Api, Dto, ErrorKind, Kind, Role, RpcError, dto, service};
use uuid::Uuid;

/// Credentials; the password must never reach the audit log.
#[dto]
#[derive(Debug, Clone)]
pub struct SignIn {
    pub user_name: String,
    #[sensitive]
    pub password: String,
}

#[dto]
#[derive(Debug, Clone)]
pub struct Session {
    #[id]
    pub session_id: Uuid,
    pub user_name: String,
}

#[dto]
#[derive(Debug, Clone)]
pub struct SessionRef {
    #[id]
    pub session_id: Uuid,
}

/// Sessions.
#[service(app = "auth")]
pub trait Auth {
    /// Open a session.
    #[rpc(mutation, role = "public", errors(unauthenticated, validation))]
    async fn sign_in(params: SignIn) -> Session;

    /// One session.
    #[rpc(query, role = "admin", errors(not_found))]
    async fn get_session(params: SessionRef) -> Session;
}

const SESSION_ID: Uuid = Uuid::from_u128(7);

struct Service;

impl Auth<()> for Service {
    async fn sign_in(&self, _cx: &mut (), params: SignIn) -> Result<Session, RpcError> {
        Ok(Session { session_id: SESSION_ID, user_name: params.user_name })
    }

    async fn get_session(&self, _cx: &mut (), params: SessionRef) -> Result<Session, RpcError> {
        Ok(Session { session_id: params.session_id, user_name: "ada".to_owned() })
    }
}

/// The implementations never wait, so one poll finishes them.
fn ready<F: Future>(future: F) -> F::Output {
    match pin!(future).poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("the call waited"),
    }
}

fn main() {
    assert_eq!(<AuthApi as Api>::APP, "auth");
    assert_eq!(<AuthApi as Api>::DOCS, "Sessions.");

    let methods = <AuthApi as Api>::METHODS;
    assert_eq!(methods.len(), 2);

    let sign_in = &methods[0];
    assert_eq!(sign_in.name, "auth.signIn");
    assert_eq!(sign_in.app, "auth");
    assert_eq!(sign_in.docs, "Open a session.");
    assert_eq!(sign_in.kind, Kind::Mutation);
    assert_eq!(sign_in.access, Access::Public);
    assert_eq!(sign_in.errors, &[ErrorKind::Unauthenticated, ErrorKind::Validation]);
    assert_eq!(sign_in.params, Some("SignIn"));
    assert_eq!(sign_in.result, "Session");
    assert_eq!(sign_in.deprecated, None);

    let get_session = &methods[1];
    assert_eq!(get_session.name, "auth.getSession");
    assert_eq!(get_session.kind, Kind::Query);
    assert_eq!(get_session.access, Access::Member(Role::Admin));
    assert_eq!(get_session.errors, &[ErrorKind::NotFound]);
    assert_eq!(get_session.params, Some("SessionRef"));

    let credentials = SignIn { user_name: "ada".to_owned(), password: "hunter2".to_owned() };
    let redacted = credentials.redacted();
    assert_eq!(redacted["userName"], "ada");
    assert_eq!(redacted["password"], "[redacted]");

    let mut ids = Vec::new();
    Session { session_id: SESSION_ID, user_name: "ada".to_owned() }.ids(&mut ids);
    assert_eq!(ids, [SESSION_ID]);

    let handlers = AuthApi::handlers(Arc::new(Service));
    let names: Vec<_> = handlers.iter().map(|h| h.meta.name).collect();
    assert_eq!(names, ["auth.signIn", "auth.getSession"]);

    // The mutation's audit facts keep the params redacted and name the
    // session its result created.
    let params =
        serde_json::value::RawValue::from_string(r#"{"userName":"ada","password":"hunter2"}"#.to_owned()).unwrap();
    let outcome = ready(handlers[0].call(&mut (), Some(&params))).unwrap();
    let audit = outcome.audit.expect("a mutation is audited");
    assert_eq!(audit.params["password"], "[redacted]");
    assert_eq!(audit.affected_ids, [SESSION_ID]);
    assert!(outcome.result.get().contains("\"sessionId\""));
}
