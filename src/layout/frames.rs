//! One walk over laid-out pages, shared by proof (text lines, image bottoms) and print's
//! preflight (image resolution, hairlines).

use typst::layout::{Frame, FrameItem, Point, Transform};

/// Visits every item of a frame but groups, which it enters: each with its position in its
/// group and the transform from that group to the page.
pub fn walk(frame: &Frame, f: &mut impl FnMut(Point, &FrameItem, Transform)) {
    walk_in(frame, Transform::identity(), f);
}

fn walk_in(frame: &Frame, ts: Transform, f: &mut impl FnMut(Point, &FrameItem, Transform)) {
    for (pos, item) in frame.items() {
        match item {
            FrameItem::Group(group) => {
                let inner = ts.pre_concat(Transform::translate(pos.x, pos.y)).pre_concat(group.transform);
                walk_in(&group.frame, inner, f);
            }
            _ => f(*pos, item, ts),
        }
    }
}

/// How much a transform enlarges: the longer of the transformed unit vectors, so that a
/// rotated image, rule or line of text keeps its size.
pub fn scale(ts: Transform) -> f64 {
    ts.sx.get().hypot(ts.ky.get()).max(ts.kx.get().hypot(ts.sy.get()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use typst::layout::{Angle, Ratio};

    #[test]
    fn scale_ignores_rotation() {
        let half = Transform::scale(Ratio::new(0.5), Ratio::new(0.5));
        assert!((scale(half) - 0.5).abs() < 1e-9);
        let turned = half.pre_concat(Transform::rotate(Angle::deg(90.0)));
        assert!((scale(turned) - 0.5).abs() < 1e-9, "a quarter turn keeps the size: {}", scale(turned));
    }
}
