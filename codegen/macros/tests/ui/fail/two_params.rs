use sent_rpc::{dto, service};

#[dto]
pub struct Empty {}

#[service(app = "demo")]
pub trait Demo {
    #[rpc(query, role = "member")]
    async fn lookup(params: Empty, limit: u32) -> Empty;
}

fn main() {}
