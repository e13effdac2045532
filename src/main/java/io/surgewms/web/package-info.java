/**
 * Pages for the floor: the picker's handheld page and the pack station page (static HTML, CSS and JS under
 * META-INF/resources/floor). Nothing else may depend on this package.
 */
package io.surgewms.web;
