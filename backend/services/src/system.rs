//! The platform itself.

use sent_rpc::RpcError;
use sent_rpc_schema::system::{Echo, ServerVersion, System};
use sent_runtime::Ctx;

#[derive(Debug)]
pub struct SystemService;

impl System<Ctx> for SystemService {
    async fn echo(&self, _cx: &mut Ctx, params: Echo) -> Result<Echo, RpcError> {
        Ok(params)
    }

    async fn version(&self, _cx: &mut Ctx) -> Result<ServerVersion, RpcError> {
        Ok(ServerVersion { version: env!("CARGO_PKG_VERSION").to_owned() })
    }
}
