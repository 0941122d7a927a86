use sent_rpc::{dto, service};

#[dto]
pub struct Empty {}

#[service(app = "demo")]
pub trait Demo {
    #[rpc(mutation, role = "member")]
    async fn touch(params: Empty);
}

fn main() {}
