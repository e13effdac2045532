package io.surgewms.security;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.surgewms.testsupport.SignInPage;
import io.surgewms.testsupport.SignedIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The sign-in page in a real headless Chromium: badge + PIN on a 360×640 handheld, typed as a
 * keyboard-wedge scanner types; a wrong PIN; a visit to the board without a session sent to /login
 * and back; sign-out ending the session on the server; no redirect to another site after signing in.
 */
@QuarkusTest
class SignInPageTest {
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TestHTTPResource("/")
    URL root;

    ChromeDriver driver;
    Path profile;

    void browser(int width, int height) {
        assumeTrue(Files.isExecutable(CHROMEDRIVER), "Skipped: /usr/bin/chromedriver is missing (apt-get install chromium chromium-driver)");
        try {
            profile = Files.createTempDirectory("surge-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions o = new ChromeOptions();
        if (Files.isExecutable(CHROMIUM)) o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        o.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics", Map.of("width", width, "height", height, "pixelRatio", 1.0)));
        driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build(), o);
    }

    @AfterEach
    void close() {
        SignedIn.asAdmin();
        if (driver == null) return;
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp profile left behind is harmless
            }
        }
    }

    String url(String path) {
        return root.toString().replaceAll("/$", "") + path;
    }

    Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    String focused() {
        return driver.switchTo().activeElement().getAttribute("id");
    }

    void waitFor(String what, BooleanSupplier ok) {
        new WebDriverWait(driver, Duration.ofSeconds(15)).withMessage("waiting for " + what).until(d -> ok.getAsBoolean());
    }

    void screenshot(String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void shall_sign_a_picker_in_with_badge_and_pin_on_a_handheld_after_refusing_a_wrong_pin() {
        SignInPage.Staff picker = SignInPage.staff("badge-picker", "PICKER");
        browser(360, 640);

        // The pick page without a session: the sign-in page, in badge mode, focus in the badge field.
        SignInPage.open(driver, url("/floor/pick"), "badge");
        assertEquals("/floor/pick", js("return new URLSearchParams(location.search).get('next')"));
        assertEquals("badge", focused(), "a wedge scanner types straight into the badge field");
        assertEquals("numeric", driver.findElement(By.id("pin")).getAttribute("inputmode"));

        // The badge and its Enter suffix move to the PIN; a wrong PIN is refused, plainly, in red.
        SignInPage.type(driver, picker.badge(), Keys.ENTER);
        assertEquals("pin", focused());
        String wrong = picker.pin().equals("0000") ? "1111" : "0000";
        SignInPage.type(driver, wrong, Keys.ENTER);
        waitFor("the error", () -> driver.findElement(By.id("error")).isDisplayed());
        assertEquals("Unknown badge or wrong PIN", driver.findElement(By.id("error")).getText());
        assertEquals("rgba(208, 0, 0, 1)", driver.findElement(By.id("error")).getCssValue("background-color"));
        assertEquals("/login", SignInPage.path(driver));
        assertEquals("badge", focused(), "the next try starts with the badge scan again");
        screenshot("login-handheld.png");

        // Badge and the right PIN: back on the pick page, which shows the signed-in picker.
        SignInPage.type(driver, picker.badge(), Keys.ENTER);
        SignInPage.type(driver, picker.pin(), Keys.ENTER);
        waitFor("the pick page", () -> "/floor/pick".equals(SignInPage.path(driver)) && "1".equals(String.valueOf(js("return document.body.dataset.ready"))));
        waitFor("the idle screen", () -> "idle".equals(String.valueOf(js("return document.body.dataset.screen"))));
        assertEquals(picker.username(), driver.findElement(By.id("who")).getText());
        assertEquals("scan", focused());
        screenshot("login-handheld-signed-in.png");
    }

    @Test
    void shall_send_a_board_visit_without_a_session_to_login_and_back_and_end_the_session_on_sign_out() {
        SignInPage.Staff sup = SignInPage.staff("board-sup", "SUPERVISOR");
        browser(1440, 900);

        SignInPage.open(driver, url("/board"), "password");
        assertEquals("/board", js("return new URLSearchParams(location.search).get('next')"));
        assertEquals("username", focused());
        screenshot("login-desktop.png");
        SignInPage.type(driver, sup.username(), Keys.ENTER);
        SignInPage.type(driver, sup.password(), Keys.ENTER);
        waitFor("the board", () -> "/board".equals(SignInPage.path(driver)) && "1".equals(String.valueOf(js("return document.body.dataset.ready"))));
        waitFor("the signed-in user on the board", () -> sup.username().equals(driver.findElement(By.cssSelector("#session .session-user")).getText()));

        // The session cookie is HttpOnly (the page cannot read it); the API knows it as this user.
        Cookie session = driver.manage().getCookieNamed("surge_session");
        assertTrue(session.isHttpOnly());
        assertFalse(String.valueOf(js("return document.cookie")).contains("surge_session"));
        given().cookie("surge_session", session.getValue()).get("/api/auth/me").then().statusCode(200)
                .body("username", equalTo(sup.username()));

        // Sign out: the sign-in page, and the old cookie no longer opens anything.
        driver.findElement(By.cssSelector("#session .session-signout")).click();
        waitFor("the sign-in page", () -> "/login".equals(SignInPage.path(driver)));
        given().cookie("surge_session", session.getValue()).get("/api/auth/me").then().statusCode(401);
        driver.get(url("/board"));
        waitFor("sent to sign in again", () -> "/login".equals(SignInPage.path(driver)));
    }

    @Test
    void shall_never_send_the_browser_to_another_site_after_sign_in() {
        SignedIn.anonymous();
        given().get("/login").then().statusCode(200).contentType("text/html");
        given().get("/auth/login.js").then().statusCode(200);
        given().get("/auth/session.js").then().statusCode(200);
        given().header("Accept", "text/html").redirects().follow(false).get("/floor/pack?station=PS-9").then().statusCode(302)
                .header("Location", "/login?next=%2Ffloor%2Fpack%3Fstation%3DPS-9");
        SignedIn.asAdmin();

        SignInPage.Staff packer = SignInPage.staff("badge-packer", "PACKER");
        browser(1280, 800);
        for (String next : new String[] {"//evil.example/x", "https://evil.example/", "/\\evil.example"}) {
            driver.manage().deleteAllCookies();
            driver.get(url("/login?mode=badge&next=") + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8));
            waitFor("the sign-in page", () -> "1".equals(String.valueOf(js("return document.body.dataset.ready"))));
            SignInPage.type(driver, packer.badge(), Keys.ENTER);
            SignInPage.type(driver, packer.pin(), Keys.ENTER);
            // No usable next: the packer's home, on this site.
            waitFor("the pack page", () -> "/floor/pack".equals(SignInPage.path(driver)));
            assertEquals(URI.create(root.toString()).getHost(), URI.create(driver.getCurrentUrl()).getHost(), next);
        }
    }
}
