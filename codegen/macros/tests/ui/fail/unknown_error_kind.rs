use sent_rpc::{dto, service};

#[dto]
pub struct Empty {}

#[service(app = "demo")]
pub trait Demo {
    #[rpc(query, role = "member", errors(not_found, teapot))]
    async fn lookup(params: Empty) -> Empty;
}

fn main() {}
