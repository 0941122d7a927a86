use sent_rpc::{dto, service};

#[dto]
pub struct Empty {}

#[service(app = "demo")]
pub trait Demo {
    #[rpc(query, role = "member")]
    async fn lookup(&self, params: Empty) -> Empty;
}

fn main() {}
