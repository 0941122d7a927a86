use sent_rpc::{dto, service};

#[dto]
pub struct Lookup {
    pub name: String,
}

pub struct Plain {
    pub name: String,
}

#[service(app = "demo")]
pub trait Demo {
    #[rpc(query, role = "member")]
    async fn lookup(params: Lookup) -> Plain;
}

fn main() {}
