//! Optional TLS for the tarpc endpoint (rustls): the server's certificate
//! chain and key from PEM files; clients trust the system's roots or a
//! given CA file.

use std::path::Path;
use std::sync::Arc;

use tokio_rustls::rustls;
use tokio_rustls::rustls::pki_types::pem::PemObject as _;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};

pub use tokio_rustls::{TlsAcceptor, TlsConnector};

/// Why TLS could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    #[error("cannot read {path}: {reason}")]
    Read { path: String, reason: String },
    #[error("{path} holds no certificate")]
    NoCertificate { path: String },
    #[error("invalid TLS setup: {0}")]
    Rustls(#[from] rustls::Error),
}

fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// The server side: a certificate chain and its private key, both PEM.
///
/// # Errors
/// When a file cannot be read or does not hold what it should.
pub fn acceptor(cert_chain: &Path, key: &Path) -> Result<TlsAcceptor, TlsError> {
    let certs = certificates(cert_chain)?;
    let key = PrivateKeyDer::from_pem_file(key)
        .map_err(|e| TlsError::Read { path: key.display().to_string(), reason: e.to_string() })?;
    let config = rustls::ServerConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()?
        .with_no_client_auth()
        .with_single_cert(certs, key)?;
    Ok(TlsAcceptor::from(Arc::new(config)))
}

/// The client side, trusting the certificates in `ca` (PEM).
///
/// # Errors
/// When the file cannot be read or holds no certificate.
pub fn connector(ca: &Path) -> Result<TlsConnector, TlsError> {
    let mut roots = rustls::RootCertStore::empty();
    for cert in certificates(ca)? {
        roots.add(cert)?;
    }
    let config = rustls::ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(TlsConnector::from(Arc::new(config)))
}

fn certificates(path: &Path) -> Result<Vec<CertificateDer<'static>>, TlsError> {
    let read_failed =
        |e: rustls::pki_types::pem::Error| TlsError::Read { path: path.display().to_string(), reason: e.to_string() };
    let certs = CertificateDer::pem_file_iter(path).map_err(read_failed)?.collect::<Result<Vec<_>, _>>();
    let certs = certs.map_err(read_failed)?;
    if certs.is_empty() {
        return Err(TlsError::NoCertificate { path: path.display().to_string() });
    }
    Ok(certs)
}
