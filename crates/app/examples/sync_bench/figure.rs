//! Samples, their median and p99 (nearest rank), printed one figure a line.

use std::time::Duration;

pub struct Figure {
    pub samples: Vec<Duration>,
}

impl Figure {
    pub fn new(samples: Vec<Duration>) -> Figure {
        Figure { samples }
    }

    pub fn ms(&self, q: f64) -> f64 {
        let mut s = self.samples.clone();
        s.sort();
        if s.is_empty() {
            return f64::NAN;
        }
        let i = ((s.len() as f64 - 1.0) * q).round() as usize;
        s[i].as_secs_f64() * 1000.0
    }

    pub fn print(&self, name: &str, target: &str) {
        println!(
            "{name:<46} median {:>10.1} ms   p99 {:>10.1} ms   max {:>10.1} ms   n={:<5} target {target}",
            self.ms(0.5),
            self.ms(0.99),
            self.ms(1.0),
            self.samples.len()
        );
    }
}
