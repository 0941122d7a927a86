//! What the app's calls run on: the database and the one dispatcher that
//! `sent-server` uses too, built from the same method registry.

use std::collections::HashSet;
use std::sync::{Arc, PoisonError, RwLock};

use sent_db::open::Database;
use sent_rpc::{Kind, Registry};
use sent_runtime::{Ctx, DispatchOptions, Dispatcher, TokenVerifier};

/// The database and the dispatcher over it.
#[derive(Debug)]
pub struct Backend {
    database: Database,
    options: DispatchOptions,
    /// Replaced once, when the provider's keys could only be had after
    /// start-up (the app started offline): the dispatcher takes its verifier
    /// at construction.
    dispatcher: RwLock<Calls>,
    /// Wire names of the methods that change data.
    mutations: HashSet<&'static str>,
}

#[derive(Debug)]
struct Calls {
    dispatcher: Dispatcher,
    trusts_tokens: bool,
}

impl Backend {
    /// The dispatcher of `registry`'s methods over `database`, accepting
    /// bearer tokens that `verifier` accepts.
    pub fn new(
        database: Database,
        registry: Registry<Ctx>,
        verifier: Option<Arc<TokenVerifier>>,
        options: DispatchOptions,
    ) -> Self {
        let trusts_tokens = verifier.is_some();
        let dispatcher = Dispatcher::new(registry, database.pool.clone(), verifier, options.clone());
        let mutations =
            dispatcher.methods().into_iter().filter(|meta| meta.kind == Kind::Mutation).map(|meta| meta.name).collect();
        Self { database, options, dispatcher: RwLock::new(Calls { dispatcher, trusts_tokens }), mutations }
    }

    /// The dispatcher every call goes through.
    pub fn dispatcher(&self) -> Dispatcher {
        self.dispatcher.read().unwrap_or_else(PoisonError::into_inner).dispatcher.clone()
    }

    /// Whether bearer tokens can be checked yet.
    pub fn trusts_tokens(&self) -> bool {
        self.dispatcher.read().unwrap_or_else(PoisonError::into_inner).trusts_tokens
    }

    /// Accept bearer tokens that `verifier` accepts from now on. Calls under
    /// way finish on the dispatcher they started on.
    ///
    /// # Errors
    /// When the method registry cannot be built.
    pub fn trust(&self, verifier: Arc<TokenVerifier>) -> Result<(), sent_rpc::RegistryError> {
        let dispatcher = Dispatcher::new(
            sent_services::registry()?,
            self.database.pool.clone(),
            Some(verifier),
            self.options.clone(),
        );
        *self.dispatcher.write().unwrap_or_else(PoisonError::into_inner) = Calls { dispatcher, trusts_tokens: true };
        Ok(())
    }

    /// Whether `method` changes data.
    pub fn is_mutation(&self, method: &str) -> bool {
        self.mutations.contains(method)
    }

    /// The embedded cluster's port, when the app runs one.
    pub fn embedded_port(&self) -> Option<u16> {
        self.database.cluster.as_ref().map(sent_db::embedded::Cluster::port)
    }

    /// Close the pool and stop the embedded cluster.
    ///
    /// # Errors
    /// When the cluster does not stop cleanly.
    pub async fn close(&self) -> Result<(), sent_db::EmbeddedError> {
        self.database.close().await
    }
}
