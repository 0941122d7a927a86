//! The secrets people carry: session tokens and invitation links. Each is
//! 256 random bits written as 43 URL-safe base64 characters; the database
//! keeps only its SHA-256, so its tables let nobody in.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sent_rpc::RpcError;
use sha2::{Digest, Sha256};

/// A new secret.
pub fn generate() -> Result<String, RpcError> {
    let mut bytes = [0_u8; 32];
    getrandom::fill(&mut bytes).map_err(RpcError::internal)?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// What the database stores of a secret, and looks it up by.
pub fn digest(secret: &str) -> [u8; 32] {
    Sha256::digest(secret.as_bytes()).into()
}

/// Whether `text` could be a secret [`generate`] made: anything else needs
/// no database round trip to refuse.
pub fn is_well_formed(text: &str) -> bool {
    text.len() == 43 && URL_SAFE_NO_PAD.decode(text).is_ok_and(|bytes| bytes.len() == 32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_256_random_bits_in_43_characters() {
        let (a, b) = (generate().unwrap(), generate().unwrap());
        assert_ne!(a, b);
        assert!(is_well_formed(&a));
        assert_eq!(URL_SAFE_NO_PAD.decode(&a).unwrap().len(), 32);
    }

    #[test]
    fn only_a_secret_shape_is_well_formed() {
        for bad in ["", "short", &"!".repeat(43), &"A".repeat(44), &format!("{}=", "A".repeat(42))] {
            assert!(!is_well_formed(bad), "{bad}");
        }
    }

    #[test]
    fn the_digest_is_sha_256() {
        let hex: String = digest("abc").iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
