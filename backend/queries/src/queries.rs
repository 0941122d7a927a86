// This file was generated with `cornucopia`. Do not modify.

pub mod audit;
pub mod identity;
pub mod ledger;
