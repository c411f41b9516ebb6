//! mekong: builds trilingual static sites.
