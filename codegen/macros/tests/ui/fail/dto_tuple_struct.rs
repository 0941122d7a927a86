use sent_rpc::dto;

#[dto]
pub struct Money(u64, String);

fn main() {}
